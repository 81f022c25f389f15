#!/usr/bin/env python3
"""Writes the PyTorch exports the ONNX reader's tests read, and PyTorch's
outputs for them. Run from this folder, with Debian 12's python3-torch
(1.13) and python3-onnx (1.12); neither is needed to build or test ganforge.

cgan.onnx: a conditional generator whose int64 labels feed nn.Embedding
(exported as a Gather from the table), concatenated with the latent; its
nn.ZeroPad2d is the pads subgraph torch 1.13 leaves (Constant,
ConstantOfShape, Concat, Reshape, Slice with step -1, Transpose, Cast).
dyn.onnx: an image model exported with dynamic height and width, exported
at 8x8 and run here at 6x10: F.interpolate to twice the input's size is
Shape, Gather, Mul, Unsqueeze, Concat, Slice and Cast feeding Resize's sizes.

Files: <name>.onnx; <name>_<input>.bin, each input as float32 (labels as
float32 holding integers, as ganforge takes them); <name>_y.bin, the
output, NCHW float32.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F


class ConditionalGenerator(nn.Module):
    def __init__(self):
        super().__init__()
        self.emb = nn.Embedding(10, 4)
        self.fc = nn.Linear(4 + 6, 8 * 3 * 3)
        self.pad = nn.ZeroPad2d((1, 2, 0, 1))  # left, right, top, bottom
        self.up = nn.ConvTranspose2d(8, 2, 4, 2, 1)

    def forward(self, z, labels):
        h = torch.cat((self.emb(labels), z), -1)
        h = torch.relu(self.fc(h)).view(-1, 8, 3, 3)
        return torch.tanh(self.up(self.pad(h)))


class DynamicUpsampler(nn.Module):
    def __init__(self):
        super().__init__()
        self.pad = nn.ZeroPad2d(1)
        self.conv = nn.Conv2d(3, 4, 3)
        self.out = nn.Conv2d(4, 1, 1)

    def forward(self, x):
        h = torch.relu(self.conv(self.pad(x)))
        h = F.interpolate(h, size=(x.shape[2] * 2, x.shape[3] * 2), mode="nearest")
        return self.out(h)


def write(path, tensor):
    tensor.detach().numpy().astype("<f4").tofile(path)


def main():
    torch.manual_seed(7)
    cgan = ConditionalGenerator().eval()
    z, labels = torch.randn(3, 6), torch.tensor([0, 9, 4])
    torch.onnx.export(cgan, (torch.randn(2, 6), torch.tensor([3, 7])), "cgan.onnx", input_names=["z", "labels"],
                      output_names=["y"], dynamic_axes={"z": {0: "batch"}, "labels": {0: "batch"}},
                      opset_version=13)
    write("cgan_z.bin", z)
    write("cgan_labels.bin", labels.float())
    with torch.no_grad():
        write("cgan_y.bin", cgan(z, labels))

    dyn = DynamicUpsampler().eval()
    x = torch.rand(2, 3, 6, 10) * 2 - 1
    torch.onnx.export(dyn, (torch.randn(1, 3, 8, 8),), "dyn.onnx", input_names=["x"], output_names=["y"],
                      dynamic_axes={"x": {0: "batch", 2: "height", 3: "width"}}, opset_version=13)
    write("dyn_x.bin", x)
    with torch.no_grad():
        write("dyn_y.bin", dyn(x))


if __name__ == "__main__":
    main()
