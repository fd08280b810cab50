"""bonelearn: the Python side of an open course on inflammation, targeted therapies and bone.

Imports flow one way: ``models`` → ``pathways`` → ``widgets`` and ``quiz`` →
``instructor`` and ``cli``. Nothing here imports the heavier subpackages eagerly.
"""

__version__ = "0.4.0"
