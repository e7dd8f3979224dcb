"""Expected values for the SequenceModels tests, computed with PyTorch on CPU.

Run:  /work/.venv-torch/bin/python tools/reference/models_reference.py
Writes Tests/SequenceModelsTests/Fixtures/models_reference.json. Every case stores its parameters
under the Swift model's parameter names (PyTorch's fused in_proj weights are split into
q_proj/k_proj/v_proj), its inputs and the outputs (and some gradients) PyTorch computed.
Weights come from torch.manual_seed and PyTorch's default initialisation.
"""
import json
import math
import os

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
torch.set_num_threads(1)
OUT = os.path.join(os.path.dirname(__file__), "..", "..", "Tests", "SequenceModelsTests", "Fixtures",
                   "models_reference.json")
cases = {}


def t(x):
    x = x.detach().to(torch.float32).contiguous()
    return {"shape": list(x.shape), "data": [float(v) for v in x.flatten().tolist()]}


def params_of(module, rename=lambda n: n):
    out = {}
    for name, p in module.named_parameters():
        if name.endswith("in_proj_weight") or name.endswith("in_proj_bias"):
            prefix = name[: -len("in_proj_weight")] if name.endswith("weight") else name[: -len("in_proj_bias")]
            kind = "weight" if name.endswith("weight") else "bias"
            for part, chunk in zip(["q_proj", "k_proj", "v_proj"], p.chunk(3, dim=0)):
                out[rename(f"{prefix}{part}.{kind}")] = t(chunk)
        else:
            out[rename(name)] = t(p)
    return out


# Layers -----------------------------------------------------------------------------------------
lin = nn.Linear(5, 4)
x = torch.randn(2, 3, 5)
cases["linear"] = {"params": params_of(lin), "inputs": {"x": t(x)}, "outputs": {"y": t(lin(x))}}

ln = nn.LayerNorm(6)
with torch.no_grad():
    ln.weight.copy_(torch.randn(6))
    ln.bias.copy_(torch.randn(6))
x = torch.randn(2, 3, 6) * 3 + 1
cases["layer_norm"] = {"params": params_of(ln), "inputs": {"x": t(x)}, "outputs": {"y": t(ln(x))}}

bn = nn.BatchNorm1d(3)
with torch.no_grad():
    bn.weight.copy_(torch.randn(3))
    bn.bias.copy_(torch.randn(3))
x1 = torch.randn(5, 3) * 2 + 0.5
x2 = torch.randn(5, 3) * 2 - 0.5
bn.train()
y1 = bn(x1)
bn.train()
y1b = bn(x2)
bn.eval()
y2 = bn(x1)
cases["batch_norm"] = {
    "params": params_of(bn), "inputs": {"x1": t(x1), "x2": t(x2)},
    "outputs": {"train1": t(y1), "train2": t(y1b), "eval": t(y2),
                "running_mean": t(bn.running_mean), "running_var": t(bn.running_var)}}

# Recurrent --------------------------------------------------------------------------------------
def recurrent_case(kind, layers, bidirectional, lengths):
    cls = {"rnn": nn.RNN, "gru": nn.GRU, "lstm": nn.LSTM}[kind]
    net = cls(4, 5, num_layers=layers, bidirectional=bidirectional, batch_first=True)
    x = torch.randn(3, 6, 4)
    r = torch.randn(3, 6, 5 * (2 if bidirectional else 1))
    if lengths is None:
        out, state = net(x)
    else:
        packed = nn.utils.rnn.pack_padded_sequence(x, torch.tensor(lengths), batch_first=True, enforce_sorted=False)
        out_p, state = net(packed)
        out, _ = nn.utils.rnn.pad_packed_sequence(out_p, batch_first=True, total_length=6)
    h = state[0] if kind == "lstm" else state
    loss = (out * r).sum() + (h * h).sum()
    loss.backward()
    case = {"params": params_of(net), "inputs": {"x": t(x), "r": t(r)},
            "lengths": lengths, "layers": layers, "bidirectional": bidirectional,
            "outputs": {"outputs": t(out), "h_n": t(h)},
            "gradients": {n: t(p.grad) for n, p in net.named_parameters()}}
    if kind == "lstm":
        case["outputs"]["c_n"] = t(state[1])
    return case


cases["rnn"] = recurrent_case("rnn", 1, False, None)
cases["gru"] = recurrent_case("gru", 1, False, None)
cases["gru_packed_bidirectional"] = recurrent_case("gru", 2, True, [6, 4, 2])
cases["lstm"] = recurrent_case("lstm", 1, False, None)
cases["lstm_packed_bidirectional"] = recurrent_case("lstm", 2, True, [3, 6, 1])

# Attention scores -------------------------------------------------------------------------------
dq = dk = 4
hidden = 6
q = torch.randn(2, 3, dq)
k = torch.randn(2, 5, dk)
v = torch.randn(2, 5, 3)
key_lengths = [5, 3]
pad = torch.zeros(2, 1, 5, dtype=torch.bool)
pad[1, :, 3:] = True
general_w = torch.randn(dq, dk) * 0.5
concat_w = torch.randn(hidden, dq + dk) * 0.5
concat_v = torch.randn(1, hidden) * 0.5
add_wk = torch.randn(hidden, dk) * 0.5
add_wq = torch.randn(hidden, dq) * 0.5
add_bq = torch.randn(hidden) * 0.5
add_v = torch.randn(1, hidden) * 0.5
loc_w = torch.randn(6, dq) * 0.5
loc_b = torch.randn(6) * 0.5
scores = {
    "dot": (q @ k.transpose(1, 2), {}),
    "scaled_dot": (q @ k.transpose(1, 2) / math.sqrt(dq), {}),
    "general": ((q @ general_w) @ k.transpose(1, 2), {"weight": t(general_w)}),
    "concat": (torch.cat([q.unsqueeze(2).expand(2, 3, 5, dq), k.unsqueeze(1).expand(2, 3, 5, dk)], -1)
               .matmul(concat_w.T).tanh().matmul(concat_v.T).squeeze(-1),
               {"weight": t(concat_w), "v.weight": t(concat_v)}),
    "additive": ((k.unsqueeze(1) @ add_wk.T + (q @ add_wq.T + add_bq).unsqueeze(2)).tanh()
                 .matmul(add_v.T).squeeze(-1),
                 {"key_proj.weight": t(add_wk), "query_proj.weight": t(add_wq), "query_proj.bias": t(add_bq),
                  "v.weight": t(add_v)}),
    "location": ((q @ loc_w.T + loc_b)[:, :, :5], {"proj.weight": t(loc_w), "proj.bias": t(loc_b)}),
}
for name, (s, params) in scores.items():
    w = s.masked_fill(pad, float("-inf")).softmax(-1)
    cases["attention_" + name] = {
        "params": params, "inputs": {"q": t(q), "k": t(k), "v": t(v)}, "key_lengths": key_lengths,
        "outputs": {"scores": t(s), "weights": t(w), "context": t(w @ v)}}

mha = nn.MultiheadAttention(8, 2, batch_first=True)
q = torch.randn(2, 3, 8)
kv = torch.randn(2, 5, 8)
out, w = mha(q, kv, kv, key_padding_mask=pad.squeeze(1), average_attn_weights=False)
(out * out).sum().backward()
cases["multi_head"] = {"params": params_of(mha), "inputs": {"q": t(q), "kv": t(kv)}, "key_lengths": key_lengths,
                       "outputs": {"context": t(out), "head_weights": t(w)},
                       "gradients": {n: t(c) for n, p in mha.named_parameters()
                                     for n, c in ([(n, p.grad)] if "in_proj" not in n else
                                                  zip([n.replace("in_proj_", p2 + ".") for p2 in ("q_proj", "k_proj", "v_proj")],
                                                      p.grad.chunk(3, 0)))}}

# Transformer layers ------------------------------------------------------------------------------
def transformer_rename(name):
    return (name.replace("multihead_attn", "cross_attn").replace("linear1", "feed_forward.linear1")
            .replace("linear2", "feed_forward.linear2"))


for norm_first in (False, True):
    suffix = "pre_norm" if norm_first else "post_norm"
    enc = nn.TransformerEncoderLayer(8, 2, 16, dropout=0.0, batch_first=True, norm_first=norm_first)
    enc.eval()
    src = torch.randn(2, 5, 8)
    src_pad = pad.squeeze(1)
    with torch.no_grad():
        y = enc(src, src_key_padding_mask=src_pad)
    cases["encoder_layer_" + suffix] = {"params": params_of(enc, transformer_rename), "inputs": {"x": t(src)},
                                        "key_lengths": key_lengths, "outputs": {"y": t(y)}}
    dec = nn.TransformerDecoderLayer(8, 2, 16, dropout=0.0, batch_first=True, norm_first=norm_first)
    dec.eval()
    tgt = torch.randn(2, 4, 8)
    causal = torch.triu(torch.ones(4, 4, dtype=torch.bool), diagonal=1)
    with torch.no_grad():
        y = dec(tgt, src, tgt_mask=causal, memory_key_padding_mask=src_pad)
    cases["decoder_layer_" + suffix] = {"params": params_of(dec, transformer_rename),
                                        "inputs": {"x": t(tgt), "memory": t(src)}, "key_lengths": key_lengths,
                                        "outputs": {"y": t(y)}}

positions = torch.arange(7).unsqueeze(1).float()
div = torch.exp(torch.arange(0, 6, 2).float() * (-math.log(10000.0) / 6))
pe = torch.zeros(7, 6)
pe[:, 0::2] = torch.sin(positions * div)
pe[:, 1::2] = torch.cos(positions * div)
cases["sinusoidal_encoding"] = {"outputs": {"pe": t(pe)}}

# NTM addressing (Graves et al. 2014, eqs. 5-9) -------------------------------------------------------
memory = torch.randn(2, 5, 3)
key = torch.randn(2, 3)
beta = torch.tensor([[2.0], [0.5]])
g = torch.tensor([[0.7], [0.2]])
shift = torch.tensor([[0.1, 0.7, 0.2], [0.3, 0.3, 0.4]])
gamma = torch.tensor([[1.5], [3.0]])
prev = torch.softmax(torch.randn(2, 5), -1)
erase = torch.sigmoid(torch.randn(2, 3))
add = torch.randn(2, 3)
cos = F.cosine_similarity(memory, key.unsqueeze(1), dim=-1, eps=1e-8)
w_c = torch.softmax(beta * cos, -1)
w_g = g * w_c + (1 - g) * prev
# circular convolution: w~_i = sum_j w_g[j] * s[(i - j) mod N], s over shifts -1, 0, +1
w_tilde = torch.zeros_like(w_g)
for i in range(5):
    for j in range(5):
        d = (i - j) % 5
        for si, sh in enumerate((-1, 0, 1)):
            if sh % 5 == d:
                w_tilde[:, i] += w_g[:, j] * shift[:, si]
w_sharp = w_tilde ** gamma
w = w_sharp / w_sharp.sum(-1, keepdim=True)
read = (w.unsqueeze(-1) * memory).sum(1)
written = memory * (1 - w.unsqueeze(-1) * erase.unsqueeze(1)) + w.unsqueeze(-1) * add.unsqueeze(1)
cases["ntm"] = {"inputs": {"memory": t(memory), "key": t(key), "beta": t(beta), "g": t(g), "shift": t(shift),
                           "gamma": t(gamma), "prev": t(prev), "erase": t(erase), "add": t(add)},
                "outputs": {"w_c": t(w_c), "w_g": t(w_g), "w_tilde": t(w_tilde), "w": t(w), "read": t(read),
                            "written": t(written)}}

os.makedirs(os.path.dirname(OUT), exist_ok=True)
with open(OUT, "w") as f:
    json.dump({"torch": torch.__version__, "cases": cases}, f, separators=(",", ":"))
print("wrote", os.path.normpath(OUT), len(cases), "cases")
