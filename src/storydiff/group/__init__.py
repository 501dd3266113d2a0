"""Group: articles into stories (same event), and near-duplicate copies among them."""

from .cluster import group, similarity
from .signature import Signature, signature_from_doc

__all__ = ["Signature", "group", "signature_from_doc", "similarity"]
