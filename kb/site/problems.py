"""The error a site build stops with when the knowledge base has problems (its own module: the
generation step, the generator and the hook all name it, and the hook imports nothing heavy)."""


class KnowledgeBaseProblems(Exception):
    """The knowledge base has problems (``kb check``); the message lists them."""
