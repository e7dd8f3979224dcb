#!/usr/bin/env python3
"""PyTorch steps/sec for the model of `bench models` (Sources/Benchmarks/ModelsBenchmark.swift).

GRU encoder-decoder with additive (Bahdanau) attention and Luong input feeding, exactly the
structure of SequenceModels.Seq2Seq: embedding 32, hidden 64, batch 64, source/target length
10, vocabulary 15, Adam lr 1e-3, global-norm clipping 1.

    /work/.venv-torch/bin/python tools/bench/models_torch.py [steps] [threads]
"""
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
torch.set_num_threads(THREADS)
torch.manual_seed(1)
V, E, H, B, T = 15, 32, 64, 64, 10
PAD, BOS, EOS = 0, 1, 2


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


model = Seq2Seq()
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
g = torch.Generator().manual_seed(1)
src = torch.randint(5, V, (20, B, T), generator=g)
tgt = src.flip(-1)
dec_in = torch.cat([torch.full((20, B, 1), BOS), tgt], dim=-1)
labels = torch.cat([tgt, torch.full((20, B, 1), EOS)], dim=-1)


def step(i):
    logits = model(src[i % 20], dec_in[i % 20])
    loss = F.cross_entropy(logits.reshape(-1, V), labels[i % 20].reshape(-1), ignore_index=PAD)
    opt.zero_grad()
    loss.backward()
    nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    opt.step()
    return loss.item()


for i in range(10):
    step(i)
start = time.perf_counter()
for i in range(STEPS):
    step(i)
elapsed = time.perf_counter() - start
params = sum(p.numel() for p in model.parameters())
print(f"models: torch {torch.__version__}, {params} parameters, threads {THREADS}")
print(f"torch: {STEPS / elapsed:.1f} steps/s ({1000 * elapsed / STEPS:.2f} ms/step) over {STEPS} steps")
