"""CrossCluster: an open platform for cross-cluster collaboration."""

__version__ = "0.1.0"
