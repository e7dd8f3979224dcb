#!/usr/bin/env python3
"""PyTorch steps/sec for the models of `bench models` (Sources/Benchmarks/ModelsBenchmark.swift).

gru: GRU encoder-decoder with additive (Bahdanau) attention and Luong input feeding, exactly the
structure of SequenceModels.Seq2Seq: embedding 32, hidden 64, batch 64, source/target length
10, vocabulary 15, Adam lr 1e-3, global-norm clipping 1.

transformer: post-norm encoder-decoder Transformer exactly as SequenceModels.Transformer with
placement .postNorm (no final stack norms): d_model 64, 2 encoder + 2 decoder layers, 4 heads,
FFN 128 (ReLU), dropout 0, sinusoidal positions, embeddings scaled by sqrt(d); batch 64,
source/target length 12, vocabulary 16; source padding mask, causal target mask; cross-entropy
with label smoothing 0.1, Adam lr 1e-3, global-norm clipping 1.

    /work/.venv-torch/bin/python tools/bench/models_torch.py [steps] [threads] [gru|transformer|all]

Output lines `torch <model>: <rate> steps/s ...` (tools/bench/models_compare.py parses them).
"""
import math
import sys
import time

try:
    import torch
    import torch.nn as nn
    import torch.nn.functional as F
except ImportError:
    print("models_torch: torch is not installed; skipping")
    sys.exit(0)

STEPS = int(sys.argv[1]) if len(sys.argv) > 1 else 100
THREADS = int(sys.argv[2]) if len(sys.argv) > 2 else 1
WHICH = sys.argv[3] if len(sys.argv) > 3 else "all"
torch.set_num_threads(THREADS)
torch.manual_seed(1)
print(f"models: torch {torch.__version__}, threads {torch.get_num_threads()}")
V, E, H, B, T = 15, 32, 64, 64, 10
PAD, BOS, EOS = 0, 1, 2


def rate(step):
    """Warm-up, then steps/s over STEPS steps."""
    for i in range(10):
        step(i)
    start = time.perf_counter()
    for i in range(STEPS):
        step(i)
    return STEPS / (time.perf_counter() - start)


def train_step(model, opt, loss_fn):
    def step(i):
        loss = loss_fn(i)
        opt.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        return loss.item()
    return step


class Additive(nn.Module):
    def __init__(self):
        super().__init__()
        self.key_proj = nn.Linear(H, H, bias=False)
        self.query_proj = nn.Linear(H, H)
        self.v = nn.Linear(H, 1, bias=False)

    def forward(self, q, keys, mask):  # q [B, H], keys [B, S, H], mask [B, S] True = pad
        s = self.v(torch.tanh(self.key_proj(keys) + self.query_proj(q).unsqueeze(1))).squeeze(-1)
        w = torch.softmax(s.masked_fill(mask, -1e9), dim=-1)
        return torch.bmm(w.unsqueeze(1), keys).squeeze(1), w


class Seq2Seq(nn.Module):
    def __init__(self):
        super().__init__()
        self.src_emb = nn.Embedding(V, E)
        self.encoder = nn.GRU(E, H, batch_first=True)
        self.tgt_emb = nn.Embedding(V, E)
        self.cell = nn.GRUCell(E + H, H)
        self.attention = Additive()
        self.combine = nn.Linear(2 * H, H)
        self.output = nn.Linear(H, V)

    def forward(self, src, dec_in):
        outs, h = self.encoder(self.src_emb(src))
        h = h[0]
        mask = src == PAD
        att = torch.zeros(src.shape[0], H)
        emb = self.tgt_emb(dec_in)
        logits = []
        for t in range(dec_in.shape[1]):
            h = self.cell(torch.cat([emb[:, t], att], dim=-1), h)
            c, _ = self.attention(h, outs, mask)
            att = torch.tanh(self.combine(torch.cat([h, c], dim=-1)))
            logits.append(self.output(att))
        return torch.stack(logits, dim=1)


def bench_gru():
    model = Seq2Seq()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    g = torch.Generator().manual_seed(1)
    src = torch.randint(5, V, (20, B, T), generator=g)
    tgt = src.flip(-1)
    dec_in = torch.cat([torch.full((20, B, 1), BOS), tgt], dim=-1)
    labels = torch.cat([tgt, torch.full((20, B, 1), EOS)], dim=-1)

    def loss(i):
        logits = model(src[i % 20], dec_in[i % 20])
        return F.cross_entropy(logits.reshape(-1, V), labels[i % 20].reshape(-1), ignore_index=PAD)

    params = sum(p.numel() for p in model.parameters())
    print(f"models: gru = GRU seq2seq + additive attention (emb {E}, hidden {H}, batch {B}, length {T}, vocab {V}), {params} parameters")
    r = rate(train_step(model, opt, loss))
    print(f"torch gru: {r:.1f} steps/s ({1000 / r:.2f} ms/step) over {STEPS} steps")


TV, D, HEADS, FF, TL, LAYERS = 16, 64, 4, 128, 12, 2


def sinusoidal(length, dim):
    pe = torch.zeros(length, dim)
    pos = torch.arange(length, dtype=torch.float64).unsqueeze(1)
    div = torch.exp(torch.arange(0, dim, 2, dtype=torch.float64) * (-math.log(10000.0) / dim))
    pe[:, 0::2] = torch.sin(pos * div).float()
    pe[:, 1::2] = torch.cos(pos * div).float()
    return pe


class TransformerModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.src_embed = nn.Embedding(TV, D)
        self.tgt_embed = nn.Embedding(TV, D)
        nn.init.normal_(self.src_embed.weight, std=D ** -0.5)
        nn.init.normal_(self.tgt_embed.weight, std=D ** -0.5)
        self.register_buffer("pe", sinusoidal(64, D))
        enc = nn.TransformerEncoderLayer(D, HEADS, FF, dropout=0.0, batch_first=True, norm_first=False)
        dec = nn.TransformerDecoderLayer(D, HEADS, FF, dropout=0.0, batch_first=True, norm_first=False)
        # no final norms: post-norm stacks as in SequenceModels (nn.Transformer would add two)
        self.encoder = nn.TransformerEncoder(enc, LAYERS, enable_nested_tensor=False)
        self.decoder = nn.TransformerDecoder(dec, LAYERS)
        self.generator = nn.Linear(D, TV)
        self.register_buffer("causal", nn.Transformer.generate_square_subsequent_mask(TL))

    def forward(self, src, tgt):
        scale = math.sqrt(D)
        pad = src == PAD
        x = self.src_embed(src) * scale + self.pe[: src.shape[1]]
        memory = self.encoder(x, src_key_padding_mask=pad)
        y = self.tgt_embed(tgt) * scale + self.pe[: tgt.shape[1]]
        out = self.decoder(y, memory, tgt_mask=self.causal, tgt_is_causal=True, memory_key_padding_mask=pad)
        return self.generator(out)


def bench_transformer():
    model = TransformerModel()
    model.train()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    g = torch.Generator().manual_seed(1)
    src = torch.randint(3, TV, (20, B, TL), generator=g)
    tgt = src.flip(-1)
    dec_in = torch.cat([torch.full((20, B, 1), BOS), tgt[:, :, :-1]], dim=-1)

    def loss(i):
        logits = model(src[i % 20], dec_in[i % 20])
        return F.cross_entropy(logits.reshape(-1, TV), tgt[i % 20].reshape(-1), ignore_index=PAD,
                               label_smoothing=0.1)

    params = sum(p.numel() for p in model.parameters())
    print(f"models: transformer = post-norm Transformer (d_model {D}, {LAYERS}+{LAYERS} layers, {HEADS} heads, "
          f"ff {FF}, dropout 0, batch {B}, length {TL}, vocab {TV}, label smoothing 0.1), {params} parameters")
    r = rate(train_step(model, opt, loss))
    print(f"torch transformer: {r:.1f} steps/s ({1000 / r:.2f} ms/step) over {STEPS} steps")


if WHICH in ("all", "gru"):
    bench_gru()
if WHICH in ("all", "transformer"):
    bench_transformer()
