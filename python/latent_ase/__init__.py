"""ASE calculator for Latent potentials: LatentCalculator runs `latent serve` and talks i-PI to it."""

from .calculator import LatentCalculator, LatentServeError

__all__ = ["LatentCalculator", "LatentServeError"]
