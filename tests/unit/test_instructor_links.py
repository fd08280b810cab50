"""Launch links: exact Binder, Colab and nbgitpuller formats, URL-encoding, no backup."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from bonelearn.course import Repository, repository
from bonelearn.errors import DataFileError, ParameterError
from bonelearn.instructor.links import (
    binder_url,
    check_hub_url,
    colab_url,
    links_for,
    nbgitpuller_url,
)

PATH = "chapters/remodelling/remodelling.ipynb"


def repo(**changes: str) -> Repository:
    fields = {
        "url": "https://github.com/bonelearn/bonelearn",
        "owner": "bonelearn",
        "name": "bonelearn",
        "branch": "main",
        "path_to_book": "",
        "binderhub_url": "https://mybinder.org",
        "colab_url": "https://colab.research.google.com",
        "jupyterhub_url": "https://hub.example.edu",
    }
    fields.update(changes)
    return Repository(**fields)


def test_binder_format() -> None:
    assert binder_url(repo(), PATH) == (
        "https://mybinder.org/v2/gh/bonelearn/bonelearn/main"
        "?urlpath=lab/tree/chapters/remodelling/remodelling.ipynb"
    )


def test_colab_format() -> None:
    assert colab_url(repo(), PATH) == (
        "https://colab.research.google.com/github/bonelearn/bonelearn/blob/main/"
        "chapters/remodelling/remodelling.ipynb"
    )


def test_nbgitpuller_format_is_exact_and_fully_encoded() -> None:
    assert nbgitpuller_url(repo(), PATH, "https://hub.example.edu/") == (
        "https://hub.example.edu/hub/user-redirect/git-pull"
        "?repo=https%3A%2F%2Fgithub.com%2Fbonelearn%2Fbonelearn"
        "&branch=main"
        "&urlpath=lab%2Ftree%2Fbonelearn%2Fchapters%2Fremodelling%2Fremodelling.ipynb"
        "&targetpath=bonelearn"
    )


def test_nbgitpuller_never_passes_backup_and_round_trips() -> None:
    odd = repo(branch="feature/a b&c", path_to_book="book dir")
    url = nbgitpuller_url(
        odd, "chapters/x y/x y.ipynb", "https://hub.example.edu", target="my course"
    )
    query = parse_qs(urlsplit(url).query, strict_parsing=True)
    assert "backup" not in query and "backup" not in url
    assert query == {
        "repo": ["https://github.com/bonelearn/bonelearn"],
        "branch": ["feature/a b&c"],
        "urlpath": ["lab/tree/my course/book dir/chapters/x y/x y.ipynb"],
        "targetpath": ["my course"],
    }
    # every reserved character is percent-encoded, none left raw in a value
    for raw in (" ", "/", "&c", ":"):
        assert raw not in urlsplit(url).query.split("=", 1)[1].split("&branch")[0] or raw == "&c"
    assert "%2F" in url and "+" not in url


def test_special_characters_in_binder_and_colab() -> None:
    odd = repo(branch="feature/x", path_to_book="book")
    assert "/v2/gh/bonelearn/bonelearn/feature%2Fx?urlpath=lab/tree/book/chapters/a%20b.ipynb" in (
        binder_url(odd, "chapters/a b.ipynb")
    )
    assert colab_url(odd, "chapters/a b.ipynb").endswith(
        "/blob/feature%2Fx/book/chapters/a%20b.ipynb"
    )


@pytest.mark.parametrize("bad", ["hub.example.edu", "ftp://hub", "https://", "https://h/?x=1", ""])
def test_bad_hub_urls_are_refused(bad: str) -> None:
    with pytest.raises(ParameterError, match="hub URL"):
        check_hub_url(bad)


def test_links_for_uses_config_hub_unless_overridden() -> None:
    assert links_for(repo(), PATH).jupyterhub.startswith("https://hub.example.edu/hub/")
    assert links_for(repo(), PATH, hub="https://other.org").jupyterhub.startswith(
        "https://other.org/hub/user-redirect/git-pull?repo="
    )
    assert links_for(repo(jupyterhub_url=None), PATH).jupyterhub is None


def test_repository_from_config(tmp_path: Path) -> None:
    (tmp_path / "_config.yml").write_text(
        "repository:\n  url: https://github.com/acme/course.git\n  branch: dev\n"
        "launch_buttons:\n  binderhub_url: https://binder.example.org/\n"
    )
    r = repository(tmp_path)
    assert (r.owner, r.name, r.branch, r.url) == (
        "acme",
        "course",
        "dev",
        "https://github.com/acme/course",
    )
    assert r.binderhub_url == "https://binder.example.org" and r.jupyterhub_url is None


def test_non_github_repository_is_a_data_error(tmp_path: Path) -> None:
    (tmp_path / "_config.yml").write_text("repository:\n  url: https://gitlab.com/a/b\n")
    with pytest.raises(
        DataFileError, match=r"_config.yml, repository.url: expected https://github.com"
    ):
        repository(tmp_path)


def test_real_config_gives_the_documented_links() -> None:
    root = Path(__file__).resolve().parents[2]
    r = repository(root)
    links = links_for(r, PATH)
    assert (
        links.binder
        == f"{r.binderhub_url}/v2/gh/{r.owner}/{r.name}/{r.branch}?urlpath=lab/tree/{PATH}"
    )
    assert links.colab == f"{r.colab_url}/github/{r.owner}/{r.name}/blob/{r.branch}/{PATH}"
