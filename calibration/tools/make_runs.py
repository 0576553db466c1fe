#!/usr/bin/env python3
"""make_runs.py -- build calibration/data/runs.csv, the one normalised table of
published training runs that foreprint's throughput and power models are fitted on.

Usage:  python3 calibration/tools/make_runs.py [REFERENCE_DIR] [--out DIR]
        REFERENCE_DIR defaults to <repo root>/../shared/reference.

Inputs (all under REFERENCE_DIR; see calibration/data/SOURCES.md for licences):
  epoch_training_runs.csv                       Epoch AI Notable AI Models rows (CC BY 4.0)
  published_runs.csv                            published energy / carbon figures (papers, model cards)
  opencarboneval/validation_reconstruction.csv  OpenCarbonEval's 6-model validation set
  llmcarbon/database.csv, llmcarbon/hist_models.csv   LLMCarbon (Apache-2.0)

Everything entered by hand (modality, workload, parameter / token counts, scope
assignments, de-duplication decisions) lives in the tables below, each with the
paper or file it was read from. Python 3 standard library only. Deterministic.
"""
import argparse
import csv
import math
import os
import sys

COLUMNS = ["name", "modality", "workload", "params", "active_params", "tokens", "flops",
           "flops_source", "device", "device_string", "count", "device_hours", "wall_hours",
           "energy_kwh", "energy_scope", "pue", "ci_g_per_kwh", "tco2e", "tco2e_kind", "year",
           "flag", "source", "notes"]

MODALITIES = {"text", "vision", "multimodal", "code", "speech", "other"}
WORKLOADS = {"transformer", "moe", "vit", "cnn", "diffusion", "other"}
FLOPS_SOURCES = {"reported", "6ND", "epoch"}
SCOPES = {"facility-measured", "facility-tdp", "it-measured", "accelerator-measured"}
CO2_KINDS = {"location", "market", "net", "dynamic", "lifecycle", "normalised"}
FLAGS = ["above_peak", "below_1pct", "flops_from_hours", "duplicate", "unknown_device", "scope_total", "inconsistent"]
# Epoch AI estimates a run's FLOPs from its hardware time when the paper gives no compute:
# device-hours × peak × an assumed utilisation (0.3, 1/3 or 0.4, occasionally 0.5). Such rows
# carry no information about throughput (their "implied" utilisation is the assumption), so they
# are flagged and kept out of the fit: an implied utilisation within 0.5 % of one of these values.
ASSUMED_UTILISATION = [0.30, 1.0 / 3.0, 0.40, 0.50]

# ---------------------------------------------------------------------------------------------
# Canonical foreprint device ids -> dense bf16/fp16 peak TFLOP/s per device, used ONLY for the
# above_peak / below_1pct flags. Values prescribed by the project brief are marked [brief];
# the rest are vendor datasheet values (dense, no sparsity) marked [ds]; GPUs without fast
# fp16 use their fp32 peak, as noted.
PEAK_TFLOPS = {
    "K80": 8.7,               # [brief] fp32, whole board (2 GK210)
    "K40": 4.29,              # [ds] NVIDIA Tesla K40 datasheet, fp32
    "M40": 7.0,               # [ds] Tesla M40, fp32
    "P4": 5.5,                # [ds] Tesla P4, fp32
    "P40": 12.0,              # [ds] Tesla P40, fp32 (no fast fp16)
    "P100-SXM2-16GB": 21.2,   # [brief] fp16
    "P100-PCIe-16GB": 18.7,   # [ds] fp16
    "V100-SXM2-16GB": 125.0,  # [brief]
    "V100-SXM2-32GB": 125.0,  # [brief]
    "V100-PCIe-16GB": 112.0,  # [ds] tensor fp16
    "V100-PCIe-32GB": 112.0,  # [ds]
    "V100S-PCIe-32GB": 130.0, # [ds]
    "T4": 65.0,               # [ds]
    "A10": 125.0,             # [ds] dense bf16
    "A10G": 70.0,             # [ds, approx.] AWS A10G ~70 dense fp16 tensor
    "A30": 165.0,             # [ds]
    "A40": 149.7,             # [ds]
    "A100-SXM4-40GB": 312.0,  # [brief]
    "A100-SXM4-80GB": 312.0,  # [brief]
    "A100-PCIe-40GB": 312.0,  # [brief]
    "A100-PCIe-80GB": 312.0,  # [brief]
    "A800-SXM4-80GB": 312.0,  # [brief]
    "H100-SXM5-80GB": 989.0,  # [brief]
    "H100-PCIe-80GB": 756.0,  # [ds]
    "H100-NVL-94GB": 835.0,   # [ds] per GPU
    "H800-SXM5-80GB": 989.0,  # [brief]
    "H200-SXM-141GB": 989.0,  # [ds] same die as H100 SXM
    "H20": 148.0,             # [ds]
    "L4": 121.0,              # [ds]
    "L40": 181.0,             # [ds]
    "L40S": 362.0,            # [ds]
    "B100": 1750.0,           # [ds] dense bf16
    "B200": 2250.0,           # [ds] dense bf16
    "GB200": 2500.0,          # [ds] per GPU, dense bf16
    "RTX-3090": 71.0,         # [ds] fp16 tensor, fp16 accumulate, dense
    "RTX-4090": 165.2,        # [ds] fp16 tensor, fp16 accumulate, dense
    "RTX-A6000": 154.8,       # [ds] dense
    "RTX-2080Ti": 107.6,      # [ds] fp16 tensor, fp16 accumulate
    "TITAN-V": 110.0,         # [ds]
    "TITAN-Xp": 12.1,         # [ds] fp32 (no fast fp16)
    "GTX-1080Ti": 11.3,       # [brief] fp32
    "GTX-TITAN-X": 6.7,       # [brief] fp32 (Maxwell)
    "GTX-TITAN-Black": 5.1,   # [ds] fp32 (Kepler)
    "Quadro-RTX-4000": 57.0,  # [ds] fp16 tensor
    "Quadro-RTX-5000": 89.2,  # [ds] fp16 tensor
    "Quadro-P600": 1.2,       # [ds] fp32 (1.195)
    "MI100": 184.6,           # [ds] fp16
    "MI210": 181.0,           # [ds] fp16/bf16
    "MI250": 362.1,           # [ds]
    "MI250X": 383.0,          # [brief]
    "MI300X": 1307.0,         # [ds] dense
    "MI325X": 1307.0,         # [ds] dense
    "TPUv1": 92.0,            # [ds] int8 TOPS (inference chip)
    "TPUv2": 45.0,            # [brief] per chip
    "TPUv3": 123.0,           # [brief] per chip
    "TPUv4": 275.0,           # [brief]
    "TPUv5e": 197.0,          # [ds]
    "TPUv5p": 459.0,          # [ds]
    "TPUv6e": 918.0,          # [ds]
    "Gaudi2": 432.0,          # [ds, approx.] bf16
    "Gaudi3": 1835.0,         # [ds] bf16
    "Ascend-910": 256.0,      # [brief] fp16
    "Ascend-910B": 320.0,     # [ds, approx.] fp16
    "Trainium": 190.0,        # [ds] bf16 per Trn1 chip
    "Trainium2": 667.0,       # [ds] dense bf16
    "Inferentia2": 190.0,     # [ds] bf16
}
DEVICES = list(PEAK_TFLOPS)

# Hardware text (verbatim, as found in the inputs) -> (device id or None, default-variant note).
# A non-empty note means a default variant was chosen (rule from the project brief) and the
# row's notes say so. Unknown text is an error, never a silent fallback.
DEVICE_MAP = {
    # Epoch AI strings
    "NVIDIA A100": ("A100-SXM4-40GB", "bare 'A100' -> default A100-SXM4-40GB"),
    "NVIDIA A100 SXM4 80 GB": ("A100-SXM4-80GB", ""),
    "NVIDIA A100 SXM4 40 GB": ("A100-SXM4-40GB", ""),
    "NVIDIA A800": ("A800-SXM4-80GB", "bare 'A800' -> default A800-SXM4-80GB"),
    "NVIDIA GeForce RTX 3090": ("RTX-3090", ""),
    "NVIDIA GeForce GTX 1080 Ti": ("GTX-1080Ti", ""),
    "NVIDIA V100": ("V100-SXM2-16GB", "bare 'V100' -> default V100-SXM2-16GB"),
    "Google TPU v4": ("TPUv4", ""),
    "Google TPU v3": ("TPUv3", ""),
    "Google TPU v2": ("TPUv2", ""),
    "Huawei Ascend 910": ("Ascend-910", ""),
    "NVIDIA Quadro RTX 4000": ("Quadro-RTX-4000", ""),
    "NVIDIA Quadro RTX 5000": ("Quadro-RTX-5000", ""),
    "NVIDIA Tesla V100 DGXS 32 GB": ("V100-SXM2-32GB", "'V100 DGXS 32 GB' -> V100-SXM2-32GB (brief rule)"),
    "NVIDIA Tesla V100S PCIe 32 GB": ("V100S-PCIe-32GB", ""),
    "NVIDIA TITAN Xp": ("TITAN-Xp", ""),
    "NVIDIA P100": ("P100-SXM2-16GB", "bare 'P100' -> default P100-SXM2-16GB"),
    "NVIDIA Tesla K40s": ("K40", ""),
    "NVIDIA Tesla K40t": ("K40", ""),
    "Google TPU v2,Google TPU v1": ("TPUv2", "'TPU v2,TPU v1' -> TPUv2 (brief rule; v1 chips did self-play inference)"),
    "NVIDIA M40": ("M40", ""),
    "NVIDIA Tesla K80": ("K80", ""),
    "NVIDIA GeForce GTX TITAN X": ("GTX-TITAN-X", ""),
    "NVIDIA GTX Titan Black": ("GTX-TITAN-Black", ""),
    "NVIDIA Quadro P600": ("Quadro-P600", ""),
    # published_runs.csv strings
    "TPUv2": ("TPUv2", ""),
    "TPUv3": ("TPUv3", ""),
    "V100": ("V100-SXM2-16GB", "bare 'V100' -> default V100-SXM2-16GB"),
    "A100": ("A100-SXM4-40GB", "bare 'A100' -> default A100-SXM4-40GB"),
    "A100-80GB": ("A100-SXM4-80GB", "'A100-80GB' (form factor not stated) -> default A100-SXM4-80GB"),
    "H100-80GB": ("H100-SXM5-80GB", "'H100-80GB' (form factor not stated) -> default H100-SXM5-80GB"),
    "AMD MI250X": ("MI250X", ""),
    "A100-80GB SXM4 (HPE Apollo 6500)": ("A100-SXM4-80GB", ""),
    "H100 (8/node)": ("H100-SXM5-80GB", "bare 'H100' -> default H100-SXM5-80GB"),
    "H100 SXM5 80GB (Blue Vela)": ("H100-SXM5-80GB", ""),
    "P40": ("P40", ""),
    "P100": ("P100-SXM2-16GB", "bare 'P100' -> default P100-SXM2-16GB"),
    "A100 PCIe 40GB": ("A100-PCIe-40GB", ""),
    "TPU (Google datacenters)": (None, ""),
    "GPU (0.7 kW GPU+CPU)": (None, ""),
    "": (None, ""),
    # OpenCarbonEval validation strings
    "A100 (40GB; A100 bounds used)": ("A100-SXM4-40GB", "'A100 40GB' (form factor not stated) -> default A100-SXM4-40GB"),
    "A100 SXM4 80GB": ("A100-SXM4-80GB", ""),
    "H100 SXM5": ("H100-SXM5-80GB", ""),
    "TPU v3": ("TPUv3", ""),
    # LLMCarbon strings
    "TPUV3": ("TPUv3", ""),
}

EPOCH_SRC = ("Epoch AI, Notable AI Models (CC BY 4.0), snapshot as in flyppens/thesis_repo "
             "notable_ai_models.csv; shared/reference/epoch_training_runs.csv")

# ---------------------------------------------------------------------------------------------
# Epoch rows: modality, workload, and params / tokens where known. Entered by hand from the
# cited papers (model cards / abstracts); empty where not known with confidence.
# name: (modality, workload, params, active_params, tokens, note)
E = None
EPOCH_META = {
    "OpenVLA": ("multimodal", "transformer", 7e9, E, E, "params nominal 7B (Kim et al. 2024, OpenVLA); Epoch FLOPs include the pretrained Llama-2/vision backbones, hours are the VLA fine-tune"),
    "MegaScale (Production)": ("text", "transformer", E, E, E, "Jiang et al. 2024 (ByteDance MegaScale); model size not given"),
    "Gemini 1.0 Ultra": ("multimodal", "transformer", E, E, E, "Epoch estimate; architecture/size undisclosed"),
    "Nemotron-3-8B": ("text", "transformer", 8e9, E, 3.8e12, "params/tokens: NVIDIA Nemotron-3-8B base model card (3.8T tokens)"),
    "LLaVA 1.5": ("multimodal", "transformer", 13e9, E, E, "params: 13B variant (Liu et al. 2023); Epoch FLOPs include the base LLM, hours are the LLaVA training"),
    "Skywork-13B": ("text", "transformer", 13e9, E, 3.2e12, "params/tokens: Wei et al. 2023 Skywork (3.2T tokens)"),
    "FinGPT-13B": ("text", "transformer", 13e9, E, E, "LoRA fine-tune of Llama-2-13B (Yang et al. 2023); Epoch FLOPs include base-model pretraining"),
    "Amazon Titan": ("text", "transformer", E, E, E, "Epoch estimate; size undisclosed"),
    "PeptideBERT": ("other", "transformer", E, E, E, "peptide property prediction, fine-tuned ProtBERT"),
    "Llama 2-70B": ("text", "transformer", 70e9, E, 2e12, "params/tokens: Touvron et al. 2023 (Llama 2)"),
    "xTrimoPGLM -100B": ("other", "transformer", 100e9, E, 1e12, "protein LM; params/tokens: Chen et al. 2023 (1T tokens)"),
    "Pangu-Weather": ("other", "other", E, E, E, "weather forecasting, 3D Earth-specific transformer (Bi et al. 2023)"),
    "HyenaDNA": ("other", "other", E, E, E, "DNA model, Hyena operator (not attention)"),
    "InstructBLIP": ("multimodal", "transformer", E, E, E, "only the Q-Former is trained; LLM and ViT frozen"),
    "StarCoder": ("code", "transformer", 15.5e9, E, 1e12, "params/tokens: Li et al. 2023 StarCoder (15.5B, 1T tokens)"),
    "LLaVA": ("multimodal", "transformer", 13e9, E, E, "params: LLaVA-13B (Liu et al. 2023)"),
    "BloombergGPT": ("text", "transformer", 50.6e9, E, 569e9, "params/tokens: Wu et al. 2023 BloombergGPT (50.6B, 569B tokens trained)"),
    "VideoMAE V2": ("vision", "vit", 1e9, E, E, "ViT-g backbone ~1B params (Wang et al. 2023)"),
    "PanGu-Σ": ("text", "moe", 1.085e12, E, 329e9, "params/tokens: Ren et al. 2023 (1.085T sparse params, 329B tokens); active params not stated"),
    "GPT-4": ("multimodal", "transformer", E, E, E, "Epoch estimate; architecture undisclosed"),
    "Falcon-40B": ("text", "transformer", 40e9, E, 1e12, "params/tokens: TII Falcon-40B card (1T tokens)"),
    "LLaMA-65B": ("text", "transformer", 65e9, E, 1.4e12, "params/tokens: Touvron et al. 2023 (1.4T tokens)"),
    "BLIP-2 (Q-Former)": ("multimodal", "transformer", E, E, E, "only the Q-Former is trained"),
    "Nucleotide Transformer": ("other", "transformer", 2.5e9, E, E, "DNA LM; largest model 2.5B (Dalla-Torre et al. 2023)"),
    "CaLM": ("other", "transformer", E, E, E, "codon language model"),
    "EVA-01": ("vision", "vit", 1e9, E, E, "EVA ViT-g ~1B params (Fang et al. 2022)"),
    "BLOOM-176B": ("text", "transformer", 176e9, E, 366e9, "params/tokens: BigScience 2022 (366B tokens)"),
    "U-PaLM (540B)": ("text", "transformer", 540e9, E, E, "UL2R continued training of PaLM; Epoch FLOPs include PaLM pretraining"),
    "Flan-PaLM 540B": ("text", "transformer", 540e9, E, E, "instruction fine-tune of PaLM; Epoch FLOPs include PaLM pretraining"),
    "PaLI": ("multimodal", "transformer", 17e9, E, E, "params: Chen et al. 2022 (17B)"),
    "GLM-130B": ("text", "transformer", 130e9, E, 400e9, "params/tokens: Zeng et al. 2022 (400B tokens)"),
    "AlexaTM 20B": ("text", "transformer", 20e9, E, E, "seq2seq 20B (Soltan et al. 2022)"),
    "ESM2-15B": ("other", "transformer", 15e9, E, E, "protein LM (Lin et al. 2022)"),
    "Minerva (540B)": ("text", "transformer", 540e9, E, E, "fine-tune of PaLM 540B; Epoch FLOPs include PaLM pretraining"),
    "CoCa": ("multimodal", "transformer", 2.1e9, E, E, "params: Yu et al. 2022 (2.1B)"),
    "Tranception": ("other", "transformer", 700e6, E, E, "protein LM, 700M (Notin et al. 2022)"),
    "Imagen": ("vision", "diffusion", E, E, E, "text-to-image diffusion (Saharia et al. 2022)"),
    "Gato": ("multimodal", "transformer", 1.2e9, E, E, "params: Reed et al. 2022 (1.2B)"),
    "UL2": ("text", "transformer", 20e9, E, 1e12, "params/tokens: Tay et al. 2022 (20B, 1T tokens)"),
    "OPT-175B": ("text", "transformer", 175e9, E, 180e9, "params/tokens: Zhang et al. 2022 (180B tokens)"),
    "Flamingo": ("multimodal", "transformer", 80e9, E, E, "params: Alayrac et al. 2022 (80B)"),
    "Stable Diffusion (LDM-KL-8-G)": ("vision", "diffusion", 860e6, E, E, "params: U-Net ~860M (Rombach et al. 2022 / SD v1 card)"),
    "PaLM (540B)": ("text", "transformer", 540e9, E, 780e9, "params/tokens: Chowdhery et al. 2022 (780B tokens)"),
    "ProteinBERT": ("other", "other", 16e6, E, E, "protein model with conv + global attention, ~16M params (Brandes et al. 2022)"),
    "LaMDA": ("text", "transformer", 137e9, E, E, "params: Thoppilan et al. 2022 (137B)"),
    "Detic": ("vision", "other", E, E, E, "open-vocabulary detector (Zhou et al. 2022)"),
    "XGLM-7.5B": ("text", "transformer", 7.5e9, E, 500e9, "params/tokens: Lin et al. 2021 (500B tokens)"),
    "GLaM": ("text", "moe", 1.2e12, 96.6e9, 600e9, "params/active/tokens: Du et al. 2021 (1.2T total, 96.6B activated, 600B tokens)"),
    "Gopher (280B)": ("text", "transformer", 280e9, E, 300e9, "params/tokens: Rae et al. 2021 (300B tokens)"),
    "Florence": ("multimodal", "vit", 893e6, E, E, "image-text model, CoSwin image encoder; 893M params (Yuan et al. 2021)"),
    "T0-XXL": ("text", "transformer", 11e9, E, E, "multitask fine-tune of T5-LM 11B (Sanh et al. 2021)"),
    "Megatron-Turing NLG 530B": ("text", "transformer", 530e9, E, 270e9, "params/tokens: Smith et al. 2022 (270B tokens)"),
    "AlphaFold-Multimer": ("other", "other", E, E, E, "protein complex structure prediction"),
    "SEER": ("vision", "cnn", 1.3e9, E, E, "RegNetY-256GF, 1.3B params (Goyal et al. 2021)"),
    "EfficientNetV2-XL": ("vision", "cnn", 208e6, E, E, "params: Tan & Le 2021 (208M)"),
    "ALIGN": ("multimodal", "cnn", E, E, E, "EfficientNet-L2 image encoder + BERT-Large text encoder (Jia et al. 2021)"),
    "DeBERTa": ("text", "transformer", 1.5e9, E, E, "params: He et al. 2021 (1.5B)"),
    "MedBERT": ("text", "transformer", E, E, E, ""),
    "PLUG": ("text", "transformer", 27e9, E, E, "Alibaba PLUG 27B"),
    "Meta Pseudo Labels": ("vision", "cnn", 480e6, E, E, "EfficientNet-L2, ~480M params (Pham et al. 2021)"),
    "Switch": ("text", "moe", 1.5e12, E, E, "params as Patterson et al. 2021 (1.5T)"),
    "DensePhrases": ("text", "transformer", E, E, E, ""),
    "CPM-Large": ("text", "transformer", 2.6e9, E, E, "params: Zhang et al. 2020 (2.6B)"),
    "German ELECTRA Large": ("text", "transformer", 335e6, E, E, "ELECTRA-Large size"),
    "GBERT-Large": ("text", "transformer", 335e6, E, E, "BERT-Large size"),
    "Conformer + Wav2vec 2.0 + Noisy Student": ("speech", "transformer", 1e9, E, E, "Conformer XXL ~1B params (Zhang et al. 2020)"),
    "LUKE": ("text", "transformer", 483e6, E, E, "params: Yamada et al. 2020 (483M)"),
    "ProBERTa": ("other", "transformer", 44e6, E, E, "protein transformer, ~44M params"),
    "GShard (dense)": ("text", "transformer", E, E, E, "dense baseline of Lepikhin et al. 2020 (different run from GShard-600B MoE)"),
    "GPT-3 175B (davinci)": ("text", "transformer", 175e9, E, 300e9, "params/tokens: Brown et al. 2020"),
    "UnifiedQA": ("text", "transformer", 11e9, E, E, "T5-11B fine-tune (Khashabi et al. 2020)"),
    "ALBERT-xxlarge": ("text", "transformer", 235e6, E, E, "params: Lan et al. 2020 (235M)"),
    "DD-PPO": ("other", "other", E, E, E, "RL point-goal navigation (ResNet + LSTM)"),
    "Noisy Student (L2)": ("vision", "cnn", 480e6, E, E, "EfficientNet-L2 (Xie et al. 2020)"),
    "AlphaStar": ("other", "other", E, E, E, "RL (StarCraft II)"),
    "T5-11B": ("text", "transformer", 11e9, E, E, "Raffel et al. 2020"),
    "Megatron-LM (8.3B)": ("text", "transformer", 8.3e9, E, E, "Shoeybi et al. 2019"),
    "Megatron-BERT": ("text", "transformer", 3.9e9, E, E, "Shoeybi et al. 2019 (3.9B BERT)"),
    "RoBERTa Large": ("text", "transformer", 355e6, E, E, "Liu et al. 2019"),
    "MnasNet-A3": ("vision", "cnn", E, E, E, "FLOPs/hours are the architecture-search cost (Tan et al. 2019)"),
    "MnasNet-A1 + SSDLite": ("vision", "cnn", E, E, E, "FLOPs/hours are the architecture-search cost (Tan et al. 2019)"),
    "WeNet (Penn Treebank)": ("text", "other", E, E, E, "NAS-found recurrent cell"),
    "SciBERT": ("text", "transformer", 110e6, E, E, "BERT-base size (Beltagy et al. 2019)"),
    "Mesh-TensorFlow Transformer 4.9B (language)": ("text", "transformer", 4.9e9, E, E, "Shazeer et al. 2018"),
    "Mesh-TensorFlow Transformer 2.9B (translation)": ("text", "transformer", 2.9e9, E, E, "Shazeer et al. 2018"),
    "BERT-Large": ("text", "transformer", 340e6, E, 1.31e11, "params/tokens: Devlin et al. 2019 (1M steps x 256 seq x 512 tokens = 1.31e11, derived)"),
    "Transformer (Adaptive Input Embeddings) WT103": ("text", "transformer", 247e6, E, E, "Baevski & Auli 2018"),
    "BigGAN-deep 512x512": ("vision", "other", E, E, E, "GAN"),
    "Big Transformer for Back-Translation": ("text", "transformer", E, E, E, "Edunov et al. 2018"),
    "GPT-1": ("text", "transformer", 117e6, E, E, "Radford et al. 2018"),
    "LSTM (Hebbian, Cache, MbPA)": ("text", "other", E, E, E, "LSTM LM"),
    "IMPALA": ("other", "other", E, E, E, "RL (DMLab); Epoch FLOPs include actor inference on CPUs"),
    "AmoebaNet-A (F=448)": ("vision", "cnn", 469e6, E, E, "Real et al. 2019 (469M)"),
    "AlphaZero": ("other", "other", E, E, E, "RL self-play; 5000 TPUv1 for self-play + 64 TPUv2 for training (Silver et al. 2018)"),
    "RetinaNet-R101": ("vision", "cnn", E, E, E, "Lin et al. 2017"),
    "JFT": ("vision", "cnn", E, E, E, "Sun et al. 2017, ResNet-101 on JFT-300M"),
    "Transformer": ("text", "transformer", 213e6, E, E, "Transformer (big), Vaswani et al. 2017"),
    "MoE-Multi": ("text", "moe", E, E, E, "sparsely-gated MoE LSTM (Shazeer et al. 2017)"),
    "BIDAF": ("text", "other", E, E, E, "LSTM reading comprehension"),
    "Xception": ("vision", "cnn", 22.8e6, E, E, "Chollet 2017"),
    "Part-of-sentence tagging model": ("text", "other", E, E, E, "LSTM/CNN tagger"),
    "Named Entity Recognition model": ("text", "other", E, E, E, "LSTM/CNN tagger"),
    "DeepSpeech2 (English)": ("speech", "other", E, E, E, "RNN speech recognition"),
    "VGG16": ("vision", "cnn", 138e6, E, E, "Simonyan & Zisserman 2014"),
}

# ---------------------------------------------------------------------------------------------
# published_runs.csv rows: workload, energy scope, tCO2e kind, extra flags and overrides.
# Scopes follow shared/reference/published_runs.md Sec. 2/3:
#   Patterson 2021 / Wu 2022 (XLM) / Strubell 2019 MWh include PUE and come from measured power
#   -> facility-measured; Meta / IBM / BLOOM "dynamic" are GPU-h x TDP (x PUE) -> facility-tdp;
#   Gopher 1,066 MWh = pre-PUE chip-hours x measured avg power -> it-measured;
#   OLMo-1 (pre-PUE "GPU power"), Dodge 2022, Morrison 2025 -> accelerator-measured;
#   TeenyTinyLlama (CodeCarbon CPU+GPU+RAM, no PUE) -> it-measured.
# "pue" column = the PUE factor contained in energy_kwh for facility-* scopes (1.0 if the
# source applied none); for it-/accelerator-measured scopes it is the site PUE the source
# reports, NOT contained in energy_kwh (see SOURCES.md).
# name: dict(workload, scope, kind, flags, set={column: value}, note)
PUB_META = {
    "Evolved Transformer NAS": dict(workload="transformer", scope="facility-measured", kind="location",
        note="whole NAS search (many child models), FLOPs and hours both cover the search"),
    "T5-11B": dict(workload="transformer", scope="facility-measured", kind="location"),
    "GShard-600B": dict(workload="moe", scope="facility-measured", kind="net",
        set={"active_params": 2.3e9},
        note="active_params 2.3e9 = LLMCarbon database.csv 'base model param.'; gross 4.8 t at 0.201 kg/kWh (Patterson)"),
    "Switch Transformer (1.5T)": dict(workload="moe", scope="facility-measured", kind="net",
        set={"active_params": 7.41e9},
        note="active_params 7.41e9 = LLMCarbon database.csv 'base model param.'; gross 72.2 t at 0.403 kg/kWh (Patterson)"),
    "GPT-3 175B": dict(workload="transformer", scope="facility-measured", kind="location"),
    "XLM (Meta, cross-lingual)": dict(workload="transformer", scope="facility-measured", kind="location",
        note="energy = 512 x 20.4 d x 342 W measured avg system power x PUE 1.1 (Wu et al. 2022); tokens left empty (LLMCarbon 7.0e12 / 6.0e12 not from the original paper)"),
    "LLaMA-7B": dict(workload="transformer", scope="facility-tdp", kind="normalised", set={"count": None},
        note="count left empty: the paper's 2048 A100 is the development cluster / the 65B run, per-model count not stated (upstream csv had 2048)"),
    "LLaMA-13B": dict(workload="transformer", scope="facility-tdp", kind="normalised", set={"count": None},
        note="count left empty: the paper's 2048 A100 is the development cluster / the 65B run, per-model count not stated (upstream csv had 2048)"),
    "LLaMA-65B": dict(workload="transformer", scope="facility-tdp", kind="normalised"),
    "OPT-175B (LLaMA-paper normalization)": dict(workload="transformer", scope="facility-tdp", kind="normalised"),
    "BLOOM-176B (LLaMA-paper normalization)": dict(workload="transformer", scope="facility-tdp", kind="normalised",
        set={"count": 384}, note="count 384 from Luccioni et al. 2022"),
    "Llama 2 7B": dict(workload="transformer", scope=None, kind="location", meta_ci=True),
    "Llama 2 70B": dict(workload="transformer", scope=None, kind="location", meta_ci=True),
    "Llama 3 8B": dict(workload="transformer", scope=None, kind="location", meta_ci=True),
    "Llama 3 70B": dict(workload="transformer", scope=None, kind="location", meta_ci=True),
    "Llama 3.1 8B": dict(workload="transformer", scope=None, kind="location", meta_ci=True),
    "Llama 3.1 70B": dict(workload="transformer", scope=None, kind="location", meta_ci=True),
    "Llama 3.2 1B": dict(workload="transformer", scope=None, kind="location", meta_ci=True),
    "Llama 3.2 3B": dict(workload="transformer", scope=None, kind="location", meta_ci=True),
    "Llama 3.2 Vision 11B": dict(workload="transformer", scope=None, kind="location", meta_ci=True,
        note="GPU-hours are for the vision adapter trained on top of Llama 3.1 8B (not a from-scratch run); FLOPs unknown"),
    "Llama 3.2 Vision 90B": dict(workload="transformer", scope=None, kind="location", meta_ci=True,
        note="GPU-hours are for the vision adapter trained on top of Llama 3.1 70B (not a from-scratch run); FLOPs unknown"),
    "Llama 3.3 70B": dict(workload="transformer", scope=None, kind="location", meta_ci=True, flags=["inconsistent"]),
    "Llama 4 Scout (17Bx16E)": dict(workload="moe", scope=None, kind="location", meta_ci=True),
    "Llama 4 Maverick (17Bx128E)": dict(workload="moe", scope=None, kind="location", meta_ci=True),
    "OLMo-7B (LUMI, MI250X)": dict(workload="transformer", scope="accelerator-measured", kind="location",
        set={"count": None},
        note="scope per project brief (OLMo-1 'GPU Power Consumption', pre-PUE); the paper's method text samples whole-node power, so it may include host power. count: 'up to 256 nodes x 4 MI250X' (<=1024), left empty; device-hours not published"),
    "Gopher 280B": dict(workload="transformer", scope="it-measured", kind="location",
        note="1,066 MWh / 3,768,320 TPUv3 chip-h (Epoch) = 283 W/chip = Patterson's measured TPUv3 average, i.e. chip-hours x measured avg power, pre-PUE"),
    "OPT-175B": dict(workload="transformer", scope="facility-tdp", kind="location"),
    "BLOOM-176B": dict(workload="transformer", scope="facility-tdp", kind="dynamic", set={"pue": 1.0},
        note="Luccioni's dynamic energy = GPU-h x 400 W TDP with NO PUE (pue column 1.0 = factor applied; Jean Zay PUE 1.2 would give 519.8 MWh / ~30 t); idle+infra +256,646 kWh (14.6 t), embodied 11.2 t, total LCA 50.5 t"),
    "OLMo 2 13B": dict(workload="transformer", scope="accelerator-measured", kind="location", flags=["inconsistent"],
        note="230 MWh x 0.352 = 81 t != 101 t reported"),
    "OLMo 1B (3T)": dict(workload="transformer", scope="accelerator-measured", kind="location",
        note="MWh x CI = t, so the published MWh appear to already include PUE 1.2 (GPU-only energy would be 25 MWh)"),
    "OLMoE-0924 (1B active / 7B total)": dict(workload="moe", scope="accelerator-measured", kind="location",
        note="MWh x CI = t, so the published MWh appear to already include PUE 1.2 (GPU-only energy would be 45 MWh)"),
    "Gemma 1 (2B + 7B, combined)": dict(workload="transformer", scope=None, kind="location",
        flags=["unknown_device", "scope_total"]),
    "Gemma 2 (2B + 9B + 27B, combined)": dict(workload="transformer", scope=None, kind="location",
        flags=["unknown_device", "scope_total"]),
    "Granite 3.0 2B": dict(workload="transformer", scope="facility-tdp", kind="normalised"),
    "Granite 3.0 1B-A400M (MoE)": dict(workload="moe", scope="facility-tdp", kind="normalised"),
    "Mistral Large 2 (LCA)": dict(workload="transformer", scope=None, kind="lifecycle",
        flags=["unknown_device", "scope_total"]),
    "BERT-small finetune (MNLI)": dict(workload="transformer", scope="accelerator-measured", kind=None),
    "BERT-small pretraining (BERT LM)": dict(workload="transformer", scope="accelerator-measured", kind=None),
    "6.1B transformer LM (13% of full run)": dict(workload="transformer", scope="accelerator-measured", kind=None),
    "DenseNet-121 (ImageNet)": dict(workload="cnn", scope="accelerator-measured", kind=None, set={"params": 8.0e6},
        note="params: Huang et al. 2017 (8.0M, hand-entered)"),
    "DenseNet-169 (ImageNet)": dict(workload="cnn", scope="accelerator-measured", kind=None, set={"params": 14.1e6},
        note="params: Huang et al. 2017 (14.1M, hand-entered)"),
    "DenseNet-201 (ImageNet)": dict(workload="cnn", scope="accelerator-measured", kind=None, set={"params": 20.0e6},
        note="params: Huang et al. 2017 (20.0M, hand-entered)"),
    "ViT-Tiny": dict(workload="vit", scope="accelerator-measured", kind=None, set={"params": 5.7e6},
        note="params: Touvron et al. 2021 DeiT-Ti (5.7M, hand-entered)"),
    "ViT-Small": dict(workload="vit", scope="accelerator-measured", kind=None, set={"params": 22e6},
        note="params: DeiT-S (22M, hand-entered)"),
    "ViT-Base": dict(workload="vit", scope="accelerator-measured", kind=None, set={"params": 86e6},
        note="params: Dosovitskiy et al. 2021 (86M, hand-entered)"),
    "ViT-Huge": dict(workload="vit", scope="accelerator-measured", kind=None, set={"params": 632e6},
        note="params: Dosovitskiy et al. 2021 (632M, hand-entered)"),
    "Transformer base (T2T)": dict(workload="transformer", scope="facility-measured", kind="location",
        set={"params": 65e6}, note="params: Vaswani et al. 2017 base (65M, hand-entered)"),
    "ELMo": dict(workload="other", scope="facility-measured", kind="location", set={"params": 93.6e6},
        note="params: Peters et al. 2018 (93.6M, hand-entered)"),
    "BERT base": dict(workload="transformer", scope="facility-measured", kind="location", set={"params": 110e6},
        note="params: Devlin et al. 2019 (110M, hand-entered); Strubell's V100 time is NVIDIA's reported 3.3 d on 64 V100, not the original TPU run"),
    "Evolved Transformer NAS (Strubell estimate)": dict(workload="transformer", scope="facility-measured",
        kind="location", flags=["inconsistent"],
        note="hypothetical P100 extrapolation of the same NAS that Patterson measured on TPUv2 (~88x too high per Patterson 2021)"),
    "Stable Diffusion v1": dict(workload="diffusion", scope=None, kind="location"),
    "DistilGPT2": dict(workload="transformer", scope=None, kind="location", set={"params": 82e6},
        flags=["unknown_device"], note="params: distilgpt2 card (82M, hand-entered)"),
    "TeenyTinyLlama-460m": dict(workload="transformer", scope="it-measured", kind="location",
        flags=["unknown_device"], note="CodeCarbon energy (GPU+CPU+RAM, no PUE); ci derived = 41.11 kg / 115.69 kWh"),
    "ClimateBERT (distilroberta-base-climate-f)": dict(workload="transformer", scope=None, kind="location",
        flags=["unknown_device"], set={"params": 82e6},
        note="48 h is the final model's wall time on an unstated GPU count (moved from device_hours); energy 33.6 kWh is an assumed 0.7 kW x 48 h, not measured -> left out of energy_kwh; params: DistilRoBERTa (82M, hand-entered)"),
}

# Meta cards: implied CI (absorbs PUE) = tCO2e / (GPU-h x TDP). TDP 400 W (A100) / 700 W (H100) as
# stated on the cards ("peak power capacity per GPU adjusted for PUE").
META_TDP_KW = {"A100-SXM4-80GB": 0.4, "H100-SXM5-80GB": 0.7}

# ---------------------------------------------------------------------------------------------
# Duplicate groups: (canonical (kind, name), [duplicate (kind, name)], overrides for the canonical
# row, note). kind: epoch | pub | oce | llmc. Missing canonical fields are filled from the
# duplicates in order; "overrides" then set fields explicitly (choices explained in the note).
# FLOPs priority for merged rows: reported by the paper > 6ND (params and tokens from the paper)
# > Epoch estimate.
DEDUP = [
    (("pub", "T5-11B"), [("epoch", "T5-11B")],
     dict(params=11e9, wall_hours=480.0),
     "merged Patterson Table 4 + LLMCarbon database.csv + Epoch; FLOPs 4.05e22 reported (Epoch 3.3e22); "
     "measured avg system power 310 W/chip, 45.6 TFLOP/s/chip; tokens: LLMCarbon 600B / hist 1T / v1 table 500B disagree, left empty"),
    (("pub", "GShard-600B"), [],
     dict(),
     "merged Patterson Table 4 + LLMCarbon database.csv; measured 288 W/chip, 48.0 TFLOP/s/chip; LLMCarbon uses 1000 devices and 1000B tokens "
     "(Patterson 1024 chips; tokens not from the paper -> empty)"),
    (("pub", "Switch Transformer (1.5T)"), [("epoch", "Switch")],
     dict(),
     "merged Patterson Table 4 + LLMCarbon database.csv + Epoch 'Switch'; measured 245 W/chip, 34.4 TFLOP/s/chip; "
     "LLMCarbon uses 1000 devices and 2000B tokens (not from the paper -> empty)"),
    (("pub", "GPT-3 175B"), [("epoch", "GPT-3 175B (davinci)")],
     dict(device="V100-SXM2-32GB"),
     "merged Patterson Table 4 + LLMCarbon database.csv + Epoch 'GPT-3 175B (davinci)'; device variant from Epoch's "
     "'V100 DGXS 32 GB' (Patterson says only V100); measured 330 W/GPU, 24.6 TFLOP/s/GPU"),
    (("pub", "Gopher 280B"), [("epoch", "Gopher (280B)")],
     dict(params=280e9, tokens=300e9),
     "merged OLMo Table 8 energy + Epoch compute/hardware; FLOPs 6.31e23 from Epoch (6ND with 300B tokens = 5.04e23); tokens Rae et al. 2021"),
    (("pub", "LLaMA-65B"), [("epoch", "LLaMA-65B")],
     dict(count=2048),
     "merged LLaMA paper Table 15 + Epoch (count 2048 and ~500 h wall: Touvron et al. 2023 Sec 2.4 '~21 days on 2048 A100 80GB')"),
    (("pub", "Llama 2 70B"), [("epoch", "Llama 2-70B")],
     dict(),
     "merged Llama 2 card + Epoch; device-hours 1,720,320 from the card; count 1000 and wall 1728 h are Epoch's (count not on the card, likely an estimate)"),
    (("pub", "OPT-175B"), [("pub", "OPT-175B (LLaMA-paper normalization)"), ("epoch", "OPT-175B")],
     dict(flops=1.89e23, flops_source="6ND", params=175e9, tokens=180e9, count=992, device_hours=809472.0,
          wall_hours=816.0, energy_kwh=356000.0, pue=1.1),
     "merged OLMo Table 8 + LLaMA Table 15 + Epoch; count 992 (OPT paper/logbook; Epoch says 1024); 34 d x 992 = 809,472 GPU-h (LLaMA paper); "
     "energy = 356 MWh as printed in LLaMA Table 15 (GPU-h x 400 W x 1.1; OLMo's 324 MWh is the same before PUE); "
     "FLOPs 6ND = 6 x 175e9 x 180e9 (Epoch 4.3e23 = 147 TFLOP/s x hours, the OPT paper's peak utilisation, i.e. circular); OPT paper's own estimate 75 t"),
    (("pub", "BLOOM-176B"), [("pub", "BLOOM-176B (LLaMA-paper normalization)"), ("epoch", "BLOOM-176B"),
                             ("oce", "BLOOM-176B")],
     dict(flops=3.865e23, flops_source="6ND", params=176e9, tokens=366e9, wall_hours=2837.76),
     "merged Luccioni 2022 + Epoch + LLaMA Table 15 + OCE validation; 1,082,990 GPU-h from SLURM logs, wall 118.24 d; "
     "FLOPs 6ND = 6 x 176e9 x 366e9 (Epoch 3.657e23, OCE 3.87e23); oce-validation ground truth 24.7 t (= Luccioni dynamic 24.69 t)"),
    (("pub", "Stable Diffusion v1"), [("epoch", "Stable Diffusion (LDM-KL-8-G)")],
     dict(params=860e6),
     "merged SD v1 card (150,000 A100 PCIe 40GB hours, 256 GPUs) + Epoch compute 5e22"),
    (("pub", "Llama 3 70B"), [("oce", "Llama-3 (70B)")],
     dict(),
     "OCE validation ground truth 1900 t = the card value; ci = implied tCO2e/(GPU-h x 0.7 kW) (= OCE's 0.424)"),
    (("epoch", "GLM-130B"), [("oce", "GLM-130B")],
     dict(flops=3.12e23, flops_source="6ND", tco2e=257.0, tco2e_kind="location", ci_g_per_kwh=581.0),
     "FLOPs 6ND = 6 x 130e9 x 400e9 (= OCE input; Epoch 3.778e23); tco2e 257 t and ci 581 g/kWh = OpenCarbonEval validation ground truth (notebook cell 36)"),
    (("epoch", "StarCoder"), [("oce", "StarCoder")],
     dict(flops=9.3e22, flops_source="6ND", tco2e=17.26, tco2e_kind="location", ci_g_per_kwh=155.0),
     "FLOPs 6ND = 6 x 15.5e9 x 1e12 (= OCE input; Epoch 8.46e22); tco2e 17.26 t and ci 155 g/kWh = OpenCarbonEval validation ground truth (notebook cell 36)"),
    (("epoch", "MnasNet-A3"), [("epoch", "MnasNet-A1 + SSDLite")],
     dict(),
     "Epoch lists the same architecture search (1.5e21 FLOP, 256 TPUv3 x 108 h) under both MnasNet entries"),
    (("pub", "Evolved Transformer NAS"), [("pub", "Evolved Transformer NAS (Strubell estimate)")],
     dict(),
     "Strubell 2019 row is an extrapolated estimate of the same search"),
]

# OCE validation rows that become canonical / tagged.
OCE_CANONICAL = {"GLM-130B": ("epoch", "GLM-130B"), "BLOOM-176B": ("pub", "BLOOM-176B"),
                 "StarCoder": ("epoch", "StarCoder"), "Llama-3 (70B)": ("pub", "Llama 3 70B"),
                 "ViT-L/16": ("oce", "ViT-L/16"), "Swin-L": ("oce", "Swin-L")}

OCE_SRC = ("OpenCarbonEval (Yu et al. 2024, arXiv 2405.12843) validation set; ground truth from the authors' "
           "notebook cell 36 as reconstructed in shared/reference/opencarboneval/validation_reconstruction.csv "
           "(repo has no licence file)")

# OCE models with no other row: hand-entered facts.
OCE_NEW = {
    # ViT-L/16 on JFT-300M: Dosovitskiy et al. 2021 (ICLR), Table 2: 0.68k TPUv3-core-days. A TPUv3 chip
    # has 2 cores -> 680 x 24 / 2 = 8160 chip-hours. OCE's own ground truth 2.71 t = 16,320 h (core-hours)
    # x 450 W x 0.369, i.e. it counts cores as chips.
    "ViT-L/16": dict(modality="vision", workload="vit", params=304e6, year=2020, device_hours=8160.0,
        source="Dosovitskiy et al. 2021 (ICLR), An Image is Worth 16x16 Words, Table 2 (0.68k TPUv3-core-days); " + OCE_SRC,
        note="device_hours = 680 TPUv3-core-days x 24 / 2 cores per chip (derived); count not published; "
             "OCE ground truth 2.71 t = 16,320 core-h x 450 W x 0.369 kg/kWh (treats cores as chips; per chip ~1.35 t); FLOPs as given by OCE"),
    # Swin-L (Liu et al. 2021, ICCV): 197M params; training time not published in the paper.
    "Swin-L": dict(modality="vision", workload="vit", params=197e6, year=2021, device_hours=None,
        source="Liu et al. 2021 (ICCV), Swin Transformer; " + OCE_SRC,
        note="device-hours not published; OCE ground truth 0.80 t implies 7,227 V100-h at 300 W x 0.369 (circular, not used); FLOPs as given by OCE"),
}

# LLMCarbon hist_models.csv (transcription of Patterson et al. 2021 Table 4): two runs not in
# published_runs.csv, with measured energy. So et al. 2019 trained both on 8 TPUv2.
LLMC_HIST_NEW = {
    "Transformer(Big)": dict(name="Transformer (Big), So et al. 2019 TPUv2 run", modality="text",
                             workload="transformer", year=2019),
    "Evolved Transformer(Medium)": dict(name="Evolved Transformer (Medium), So et al. 2019 TPUv2 run",
                                        modality="text", workload="transformer", year=2019),
}
LLMC_SRC = ("LLMCarbon (Faiz et al., ICLR 2024) github.com/SotaroKaneda/MLCarbon, Apache-2.0: "
            "database.csv / hist_models.csv")
LLMC_DB_TO_PUB = {"T5": "T5-11B", "GPT3": "GPT-3 175B", "Gshard": "GShard-600B",
                  "Switch": "Switch Transformer (1.5T)", "XLM": "XLM (Meta, cross-lingual)"}


# ---------------------------------------------------------------------------------------------
def num(s):
    """Parse a clean number, else None (text like '2B and 7B' is kept in notes by the caller)."""
    if s is None:
        return None
    if isinstance(s, (int, float)):
        return float(s)
    s = s.strip().replace(",", "")
    if not s:
        return None
    try:
        v = float(s)
    except ValueError:
        return None
    return v if math.isfinite(v) else None


def fmt(v):
    if v is None or v == "":
        return ""
    if isinstance(v, str):
        return v
    if v == int(v) and abs(v) < 1e15:
        return str(int(v))
    s = "%.15g" % v
    return s


def new_row(**kw):
    r = {c: None for c in COLUMNS}
    r["_flags"] = []
    r["_notes"] = []
    r["_sources"] = []
    for k, v in kw.items():
        r[k] = v
    return r


def add_note(r, text):
    if text and text not in r["_notes"]:
        r["_notes"].append(text)


def add_flag(r, f):
    assert f in FLAGS, f
    if f not in r["_flags"]:
        r["_flags"].append(f)


def map_device(r, text):
    if text not in DEVICE_MAP:
        sys.exit("make_runs.py: unknown hardware text %r (row %r): add it to DEVICE_MAP" % (text, r["name"]))
    dev, default_note = DEVICE_MAP[text]
    r["device_string"] = text
    r["device"] = dev
    if default_note:
        add_note(r, "device: " + default_note)
    if dev is None:
        add_flag(r, "unknown_device")


# ---------------------------------------------------------------------------------------------
def load_epoch(ref):
    rows = []
    with open(os.path.join(ref, "epoch_training_runs.csv"), newline="", encoding="utf-8") as f:
        for e in csv.DictReader(f):
            name = e["system"]
            if name not in EPOCH_META:
                sys.exit("make_runs.py: Epoch row %r has no EPOCH_META entry" % name)
            mod, wl, p, ap, tok, note = EPOCH_META[name]
            r = new_row(name=name, modality=mod, workload=wl, params=p, active_params=ap, tokens=tok,
                        flops=num(e["train_flops"]), flops_source="epoch",
                        count=num(e["device_count"]), device_hours=num(e["device_hours"]),
                        wall_hours=num(e["wall_hours"]), year=int(e["publication_date"][:4]))
            r["_kind"] = "epoch"
            r["_sources"].append(EPOCH_SRC)
            map_device(r, e["hardware"])
            add_note(r, "Epoch AI estimates (FLOPs, hours, count)")
            if note:
                add_note(r, note + " (hand-entered)" if (p or tok) else note)
            rows.append(r)
    return rows


def load_published(ref):
    rows = []
    with open(os.path.join(ref, "published_runs.csv"), newline="", encoding="utf-8") as f:
        for p in csv.DictReader(f):
            name = p["name"]
            if name not in PUB_META:
                sys.exit("make_runs.py: published row %r has no PUB_META entry" % name)
            m = PUB_META[name]
            r = new_row(name=name, modality=p["modality"], workload=m["workload"], year=int(p["year"]))
            r["_kind"] = "pub"
            r["_sources"].append(p["source"])
            # params / active / tokens: numbers only; text goes to notes
            for col, src in (("params", "params"), ("active_params", "active_params"), ("tokens", "tokens_or_samples")):
                v = num(p[src])
                r[col] = v
                if v is None and p[src].strip():
                    add_note(r, "%s (upstream text): %s" % (col, p[src].strip()))
            r["flops"] = num(p["train_flops"])
            fs = p["flops_source"].strip()
            if r["flops"] is not None:
                r["flops_source"] = "reported" if fs.startswith("reported") else "6ND" if fs.startswith("6ND") else None
                if r["flops_source"] is None:
                    sys.exit("unknown flops_source %r" % fs)
                if fs not in ("reported", "6ND (derived)"):
                    add_note(r, "flops_source upstream: " + fs)
            map_device(r, p["hardware"])
            r["count"] = num(p["n_devices"])
            if r["count"] is None and p["n_devices"].strip():
                add_note(r, "count (upstream text): " + p["n_devices"].strip())
            r["device_hours"] = num(p["device_hours"])
            wd = num(p["wall_days"])
            r["wall_hours"] = wd * 24 if wd is not None else None
            # Dodge / Strubell tables give hours per run: wall = device_hours / count exactly
            if r["count"] and r["device_hours"] and r["wall_hours"] is not None:
                w2 = r["device_hours"] / r["count"]
                if abs(w2 - r["wall_hours"]) / w2 < 0.05:  # wall_days are rounded upstream
                    r["wall_hours"] = w2
            e = num(p["energy_mwh"])
            r["energy_kwh"] = e * 1000 if e is not None else None
            r["energy_scope"] = m["scope"] if e is not None else None
            if e is not None and m["scope"] is None:
                sys.exit("row %r has energy but no scope" % name)
            r["pue"] = num(p["pue"])
            ci = num(p["ci_kg_per_kwh"])
            r["ci_g_per_kwh"] = ci * 1000 if ci is not None else None
            r["tco2e"] = num(p["tco2e_reported"])
            r["tco2e_kind"] = m["kind"] if r["tco2e"] is not None else None
            for k, v in m.get("set", {}).items():
                r[k] = v
            for fl in m.get("flags", []):
                add_flag(r, fl)
            if p["tco2e_kind"].strip():
                add_note(r, "tCO2e kind upstream: " + p["tco2e_kind"].strip())
            if p["region"].strip():
                add_note(r, "region: " + p["region"].strip())
            if p["avg_power_w"].strip():
                add_note(r, "measured avg power %s W/device" % p["avg_power_w"].strip())
            if m.get("note"):
                add_note(r, m["note"])
            if m.get("meta_ci") and r["tco2e"] and r["device_hours"] and r["device"] in META_TDP_KW:
                kw = META_TDP_KW[r["device"]]
                r["ci_g_per_kwh"] = round(r["tco2e"] * 1e6 / (r["device_hours"] * kw), 1)
                add_note(r, "ci derived = tCO2e / (GPU-h x %g kW 'TDP adjusted for PUE'), so it absorbs PUE; "
                            "energy not stated on the card (GPU-h x %g kW = %.0f MWh, convention)" %
                         (kw, kw, r["device_hours"] * kw / 1000))
            if name == "TeenyTinyLlama-460m":
                r["ci_g_per_kwh"] = round(41.11 / 115.69 * 1000, 1)
            if name == "ClimateBERT (distilroberta-base-climate-f)":
                r["wall_hours"], r["device_hours"] = r["device_hours"], None
            add_note(r, "upstream notes: " + p["notes"].strip())
            rows.append(r)
    return rows


def load_oce(ref):
    rows = []
    with open(os.path.join(ref, "opencarboneval", "validation_reconstruction.csv"), newline="", encoding="utf-8") as f:
        for o in csv.DictReader(f):
            model = o["model"]
            gt = num(o["ground_truth_tCO2"])
            ci = num(o["CI_kg_per_kWh"]) * 1000
            if model in OCE_NEW:
                m = OCE_NEW[model]
                r = new_row(name=model, modality=m["modality"], workload=m["workload"], params=m["params"],
                            flops=num(o["compute_FLOP"]), flops_source="reported",
                            device_hours=m["device_hours"], ci_g_per_kwh=ci, tco2e=gt, tco2e_kind="location",
                            year=m["year"])
                r["_sources"].append(m["source"])
                add_note(r, m["note"])
            else:
                r = new_row(name=model + " (OCE validation input)", flops=num(o["compute_FLOP"]),
                            flops_source="reported", ci_g_per_kwh=ci, tco2e=gt,
                            tco2e_kind="dynamic" if model == "BLOOM-176B" else "location")
                r["_sources"].append(OCE_SRC)
                add_note(r, "oce-input: OpenCarbonEval validation inputs kept verbatim for reproducing OCE "
                            "(TDP used %s W, lg alpha %s..%s)" % (o["TDP_W_used_by_OCE"], o["lg_alpha_lo"], o["lg_alpha_hi"]))
            r["_kind"] = "oce"
            r["_oce_model"] = model
            map_device(r, o["hardware"])
            rows.append(r)
    return rows


def load_llmcarbon(ref, rows_by_key):
    """Check database.csv against the Patterson/Wu rows it duplicates (merge, never duplicate),
    and add the two hist_models.csv runs that are not in published_runs.csv."""
    out = []
    with open(os.path.join(ref, "llmcarbon", "database.csv"), newline="", encoding="utf-8") as f:
        for d in csv.DictReader(f):
            pub = rows_by_key[("pub", LLMC_DB_TO_PUB[d["name"]])]
            pub["_sources"].append(LLMC_SRC)
            diffs = []
            if abs(num(d["energy MWh"]) * 1000 - pub["energy_kwh"]) > 1:
                diffs.append("energy %s MWh" % d["energy MWh"])
            if abs(num(d["actual tCO2eq"]) - pub["tco2e"]) > 0.01:
                diffs.append("tCO2e %s" % d["actual tCO2eq"])
            if pub["count"] != num(d["device #"]):
                diffs.append("device # %s" % d["device #"])
            zf = num(d["total zettaFLOPs"]) * 1e21
            if abs(zf - pub["flops"]) / pub["flops"] > 0.01:
                diffs.append("FLOPs %.3g" % zf)
            add_note(pub, "LLMCarbon database.csv merged here (avg system power %s W, achieved %s TFLOP/s, token # %sB)%s"
                     % (d["avg. system power (W)"], d["achieved TFLOPs/s"], d["token # (B)"],
                        ("; LLMCarbon differs: " + ", ".join(diffs)) if diffs else "; energy/tCO2e agree"))
    with open(os.path.join(ref, "llmcarbon", "hist_models.csv"), newline="", encoding="utf-8") as f:
        for h in csv.DictReader(f):
            if h["Model"] not in LLMC_HIST_NEW:
                continue
            m = LLMC_HIST_NEW[h["Model"]]
            n = num(h["Number of Chips"])
            days = num(h["Training time (days)"])
            r = new_row(name=m["name"], modality=m["modality"], workload=m["workload"],
                        params=num(h["Number of Parameters (B)"]) * 1e9,
                        tokens=num(h["Tokens(trillions)"]) * 1e12,
                        flops=num(h["Total Computation (TFLOP)"]) * 1e12, flops_source="reported",
                        count=n, wall_hours=days * 24, device_hours=n * days * 24,
                        energy_kwh=num(h["Energy Consumption (MWh)"]) * 1000, energy_scope="facility-measured",
                        pue=num(h["Datacenter PUE"]), ci_g_per_kwh=num(h["Datacenter Net CO2e/KWh (kg/KWh)"]) * 1000,
                        tco2e=num(h["Net tCO2 for Model Training"]), tco2e_kind="net", year=m["year"])
            r["_kind"] = "llmc"
            r["_sources"].append("Patterson et al. 2021, arXiv:2104.10350, Table 4 (run from So et al. 2019), via " + LLMC_SRC)
            map_device(r, h["Processor"])
            add_note(r, "device_hours = count x wall_hours (derived); FLOPs = chips x days x measured %s TFLOP/s "
                        "(Patterson); energy = chips x days x 24 x measured %s W x PUE; tokens are LLMCarbon's; region %s"
                     % (h["Measured Performance (TFLOPS/s)"], h["Measured System Average Power per Accelerator (W)"],
                        h["Datacenter of original experiment"]))
            out.append(r)
    return out


# ---------------------------------------------------------------------------------------------
def merge(rows_by_key):
    for canon_key, dup_keys, overrides, note in DEDUP:
        c = rows_by_key[canon_key]
        for dk in dup_keys:
            d = rows_by_key[dk]
            for col in ("params", "active_params", "tokens", "count", "wall_hours", "device_hours",
                        "energy_kwh", "pue", "ci_g_per_kwh", "tco2e"):
                # energy / carbon fields are never inherited: duplicates often use another convention
                if c[col] is None and d[col] is not None and col not in ("energy_kwh", "pue", "ci_g_per_kwh", "tco2e"):
                    c[col] = d[col]
            if c["flops"] is None and d["flops"] is not None:
                c["flops"], c["flops_source"] = d["flops"], d["flops_source"]
            if d["device_string"] and d["device_string"] not in (c["device_string"] or ""):
                c["device_string"] = (c["device_string"] + " ; " if c["device_string"] else "") + d["device_string"]
            for s in d["_sources"]:
                if s not in c["_sources"]:
                    c["_sources"].append(s)
            for col in ("modality", "workload", "year", "params", "tokens"):
                if d[col] is None:
                    d[col] = c[col]
            add_flag(d, "duplicate")
            add_note(d, "duplicate of canonical row '%s'" % c["name"])
        if "device" in overrides and overrides["device"] != c["device"]:
            c["_notes"] = [n for n in c["_notes"] if not n.startswith("device: ")]
        for k, v in overrides.items():
            c[k] = v
        add_note(c, note)
    # OCE tags: exactly one row per validation model carries "oce-validation"
    for model, key in OCE_CANONICAL.items():
        add_note(rows_by_key[key], "oce-validation (OpenCarbonEval validation model '%s')" % model)


def derive_and_flag(r):
    # time fields
    if r["device_hours"] is None and r["count"] and r["wall_hours"] is not None:
        r["device_hours"] = r["count"] * r["wall_hours"]
        add_note(r, "device_hours = count x wall_hours (derived)")
    elif r["wall_hours"] is None and r["count"] and r["device_hours"] is not None:
        r["wall_hours"] = r["device_hours"] / r["count"]
        add_note(r, "wall_hours = device_hours / count (derived)")
    elif r["count"] and r["device_hours"] and r["wall_hours"]:
        ratio = r["device_hours"] / (r["count"] * r["wall_hours"])
        if abs(ratio - 1) > 0.25:
            add_flag(r, "inconsistent")
            add_note(r, "device_hours / (count x wall_hours) = %.2f" % ratio)
    # utilisation flags
    if r["flops"] and r["device_hours"] and r["device"]:
        peak = PEAK_TFLOPS[r["device"]]
        tf = r["flops"] / (r["device_hours"] * 3600) / 1e12
        add_note(r, "implied %.3g TFLOP/s per device = %.1f%% of %g peak" % (tf, 100 * tf / peak, peak))
        if tf > peak:
            add_flag(r, "above_peak")
        if tf < 0.01 * peak:
            add_flag(r, "below_1pct")
        if r["flops_source"] == "epoch" and any(abs(tf / peak / u - 1) < 0.005 for u in ASSUMED_UTILISATION):
            add_flag(r, "flops_from_hours")
            add_note(r, "FLOPs appear to be Epoch's estimate from hardware time (implied utilisation is an assumed round value)")
    if r["device"] is None:
        add_flag(r, "unknown_device")


def finalise(r):
    out = {}
    for c in COLUMNS:
        out[c] = fmt(r[c]) if c not in ("flag", "source", "notes") else ""
    out["flag"] = "|".join(f for f in FLAGS if f in r["_flags"])
    out["source"] = " ; ".join(r["_sources"])
    out["notes"] = "; ".join(n.rstrip(". ") for n in r["_notes"])
    return out


def validate(rows):
    errs = []
    names = {}
    for o in rows:
        n = o["name"]
        if o["modality"] and o["modality"] not in MODALITIES:
            errs.append("%s: modality %r" % (n, o["modality"]))
        if o["workload"] and o["workload"] not in WORKLOADS:
            errs.append("%s: workload %r" % (n, o["workload"]))
        if not o["modality"] or not o["workload"]:
            errs.append("%s: modality/workload missing" % n)
        if o["device"] and o["device"] not in PEAK_TFLOPS:
            errs.append("%s: device %r not a canonical id" % (n, o["device"]))
        if not o["device"] and "unknown_device" not in o["flag"]:
            errs.append("%s: empty device but not flagged" % n)
        if o["flops"] and o["flops_source"] not in FLOPS_SOURCES:
            errs.append("%s: flops_source %r" % (n, o["flops_source"]))
        if o["energy_kwh"] and o["energy_scope"] not in SCOPES:
            errs.append("%s: energy_scope %r" % (n, o["energy_scope"]))
        if o["tco2e"] and o["tco2e_kind"] not in CO2_KINDS:
            errs.append("%s: tco2e_kind %r" % (n, o["tco2e_kind"]))
        if not o["flag"]:
            if n in names:
                errs.append("%s: two unflagged rows with the same name" % n)
            names[n] = 1
    return errs


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.dirname(os.path.dirname(here))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("reference", nargs="?", default=os.path.join(repo, "..", "shared", "reference"))
    ap.add_argument("--out", default=os.path.join(repo, "calibration", "data"))
    a = ap.parse_args()
    ref = os.path.normpath(a.reference)

    epoch = load_epoch(ref)
    pub = load_published(ref)
    oce = load_oce(ref)
    rows_by_key = {}
    for r in epoch + pub + oce:
        key = (r["_kind"], r.get("_oce_model", r["name"]))
        assert key not in rows_by_key, key
        rows_by_key[key] = r
    llmc = load_llmcarbon(ref, rows_by_key)
    merge(rows_by_key)
    rows = pub + llmc + [r for r in oce if r["_oce_model"] in OCE_NEW] + epoch + \
        [r for r in oce if r["_oce_model"] not in OCE_NEW]
    for r in rows:
        derive_and_flag(r)
    out = [finalise(r) for r in rows]

    errs = validate(out)
    os.makedirs(a.out, exist_ok=True)
    path = os.path.join(a.out, "runs.csv")
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n")
        w.writeheader()
        w.writerows(out)

    # ------------------------------------------------------------------ check
    has = lambda o, *cs: all(o[c] != "" for c in cs)
    full = [o for o in out if has(o, "flops", "count", "device_hours")]
    print("wrote %s" % os.path.relpath(path))
    print("rows total:                               %d  (epoch %d, published %d, llmcarbon-hist %d, oce %d)"
          % (len(out), len(epoch), len(pub), len(llmc), len(oce)))
    print("rows with flops+count+device_hours:       %d" % len(full))
    print("  of which unflagged (time calibration):  %d" % sum(1 for o in full if not o["flag"]))
    print("rows with flops+count+wall_hours:         %d" % sum(1 for o in out if has(o, "flops", "count", "wall_hours")))
    print("unflagged rows with device_hours+energy:  %d" % sum(1 for o in out if not o["flag"] and has(o, "device_hours", "energy_kwh")))
    by_scope = {}
    for o in out:
        if o["energy_kwh"]:
            k = o["energy_scope"]
            by_scope.setdefault(k, [0, 0])
            by_scope[k][0] += 1
            by_scope[k][1] += 0 if o["flag"] else 1
    print("rows with energy, by scope (all / unflagged):")
    for k in sorted(by_scope):
        print("  %-22s %3d / %3d" % (k, by_scope[k][0], by_scope[k][1]))
    print("rows with tco2e: %d" % sum(1 for o in out if o["tco2e"]))
    oce_rows = [o["name"] for o in out if "oce-validation" in o["notes"]]
    print("oce-validation rows: %d  %s" % (len(oce_rows), oce_rows))
    print("flagged rows: %d" % sum(1 for o in out if o["flag"]))
    for o in out:
        if o["flag"]:
            print("  %-55s %s" % (o["name"][:55], o["flag"]))
    counts = {}
    for o in out:
        for f in filter(None, o["flag"].split("|")):
            counts[f] = counts.get(f, 0) + 1
    print("flag totals: " + ", ".join("%s %d" % (f, counts.get(f, 0)) for f in FLAGS))
    bad_dev = sorted({o["device"] for o in out if o["device"] and o["device"] not in DEVICES})
    print("devices used: %s" % sorted({o["device"] for o in out if o["device"]}))
    print("device ids all canonical: %s" % ("yes" if not bad_dev else "NO: %s" % bad_dev))
    # facility-tdp convention check: energy = device_hours x TDP x pue
    tdp_w = {"A100-SXM4-80GB": 400, "A100-SXM4-40GB": 400, "H100-SXM5-80GB": 700}  # NVIDIA datasheets
    for o in out:
        if o["energy_scope"] == "facility-tdp" and o["device"] in tdp_w and o["device_hours"] and o["pue"]:
            pred = float(o["device_hours"]) * tdp_w[o["device"]] / 1000 * float(o["pue"])
            rel = float(o["energy_kwh"]) / pred - 1
            if abs(rel) > 0.02:
                print("  facility-tdp mismatch %s: %.1f%%" % (o["name"], 100 * rel))
    if errs:
        print("VALIDATION ERRORS:")
        for e in errs:
            print("  " + e)
        return 1
    print("validation: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
