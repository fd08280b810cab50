"""Launch links for a notebook in the course repository: Binder, Colab and nbgitpuller.

Formats:

- Binder: ``{binderhub}/v2/gh/{owner}/{repo}/{branch}?urlpath=lab/tree/{path}``
- Colab: ``{colab}/github/{owner}/{repo}/blob/{branch}/{path}``
- nbgitpuller: ``{hub}/hub/user-redirect/git-pull?repo=…&branch=…&urlpath=lab/tree/
  {target}/{path}&targetpath={target}``, every value URL-encoded. ``backup`` is never
  passed: nbgitpuller treats any non-empty value, even ``false``, as true.

The branch is percent-encoded as one path segment (a ``/`` in a branch name becomes
``%2F``, as BinderHub expects); the notebook path keeps its slashes.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from urllib.parse import quote, urlencode, urlsplit

from bonelearn.course.root import Repository
from bonelearn.errors import ParameterError

#: Folder (relative to the book root) of the reader notebooks that launch links open.
READER_DIR = "notebooks"


def check_hub_url(url: str) -> str:
    """Validate a JupyterHub base URL (``https://hub.example.edu``) and drop a trailing /."""
    parts = urlsplit(url.strip())
    if parts.scheme not in {"http", "https"} or not parts.netloc or parts.query or parts.fragment:
        raise ParameterError(f"hub URL must look like https://hub.example.edu, got {url!r}")
    return url.strip().rstrip("/")


def reader_path(chapter_id: str) -> str:
    """The reader notebook of a chapter, relative to the book root: ``notebooks/<id>.ipynb``.

    Launch links (the book's buttons and ``bonelearn assign``) open this file, not the
    authored chapter: it has no solutions and plain Markdown (``bonelearn.instructor.reader``).
    """
    return f"{READER_DIR}/{chapter_id}.ipynb"


def _path(repo: Repository, path: str) -> str:
    full = f"{repo.path_to_book}/{path}" if repo.path_to_book else path
    return full.strip("/")


def binder_url(repo: Repository, path: str) -> str:
    """Open ``path`` (relative to the book root) in JupyterLab on BinderHub."""
    return (
        f"{repo.binderhub_url}/v2/gh/{quote(repo.owner, safe='')}/{quote(repo.name, safe='')}/"
        f"{quote(repo.branch, safe='')}?urlpath=lab/tree/{quote(_path(repo, path))}"
    )


def colab_url(repo: Repository, path: str) -> str:
    """Open ``path`` (relative to the book root) in Google Colab."""
    return (
        f"{repo.colab_url}/github/{quote(repo.owner, safe='')}/{quote(repo.name, safe='')}/"
        f"blob/{quote(repo.branch, safe='')}/{quote(_path(repo, path))}"
    )


def nbgitpuller_url(repo: Repository, path: str, hub: str, target: str | None = None) -> str:
    """Clone or update the repository on ``hub`` into ``target`` and open ``path``.

    ``target`` (the folder in the user's home) defaults to the repository name.
    """
    hub = check_hub_url(hub)
    target = (target or repo.name).strip("/")
    query = urlencode(
        {
            "repo": repo.url,
            "branch": repo.branch,
            "urlpath": f"lab/tree/{target}/{_path(repo, path)}",
            "targetpath": target,
        },
        quote_via=quote,
        safe="",
    )
    return f"{hub}/hub/user-redirect/git-pull?{query}"


@dataclass(frozen=True)
class Links:
    """The three launch links of one notebook."""

    path: str
    binder: str
    colab: str
    jupyterhub: str | None

    def as_dict(self) -> dict[str, str | None]:
        """Plain data (for JSON)."""
        return asdict(self)


def chapter_links(repo: Repository, chapter_id: str, hub: str | None = None) -> Links:
    """The launch links of a chapter: they open its reader notebook (:func:`reader_path`)."""
    return links_for(repo, reader_path(chapter_id), hub)


def links_for(repo: Repository, path: str, hub: str | None = None) -> Links:
    """All launch links for ``path``; the hub defaults to ``launch_buttons.jupyterhub_url``."""
    hub = hub or repo.jupyterhub_url
    return Links(
        path=_path(repo, path),
        binder=binder_url(repo, path),
        colab=colab_url(repo, path),
        jupyterhub=nbgitpuller_url(repo, path, hub) if hub else None,
    )
