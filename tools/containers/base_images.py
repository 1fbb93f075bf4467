"""Base images from Debian's own packages, since Docker Hub is out of reach.

A minimal Debian made by debootstrap and imported, then on it a Python image and a PostgreSQL
image, each built with no network from .deb files the host downloaded (debootstrap resolves and
verifies them against the archive's signature). Each image is labelled with a digest of its
recipe and rebuilt only when that changes. Nothing of the host's own configuration enters them:
debootstrap copies the host's resolv.conf and hostname, which are removed before the import and
checked for.
"""

import hashlib
import os
import shutil
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from tools.containers.commands import WORK, CommandError, run
from tools.containers.progress import Progress

SUITE = "bookworm"
# Overridable for a host that must use another Debian mirror.
MIRROR = os.environ.get("DEBIAN_MIRROR", "http://deb.debian.org/debian")
IMAGES = WORK / "images"
# Downloaded .deb files, kept between runs: debootstrap verifies them before each use.
DEB_CACHE = IMAGES / "debs"
RECIPES = Path(__file__).resolve().parent / "images"
RECIPE_LABEL = "org.twin-apps.recipe"
DEBOOTSTRAP_TIMEOUT_SECONDS = 600
BUILD_TIMEOUT_SECONDS = 600

DEBIAN_IMAGE = f"twins/debian:{SUITE}-minbase"
# What the official images set and an imported file system lacks.
IMPORT_CHANGES = (
    "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
    "ENV LANG=C.UTF-8",
    'CMD ["bash"]',
)
# The host files debootstrap copies into the new system (its setup_etc), plus the host's own
# settings for the tools an image runs: none of them may be in an image, in content or name.
HOST_CONFIGURATION = (
    Path("/etc/resolv.conf"),
    Path("/etc/hostname"),
    Path("/etc/hosts"),
    Path("/etc/pip.conf"),
    Path("/etc/apt/apt.conf"),
    Path("/etc/apt/auth.conf"),
    Path("/root/.config/pip/pip.conf"),
    Path("/root/.pip/pip.conf"),
    Path("/root/.netrc"),
    Path("/root/.docker/config.json"),
)
# The imported system needs none of these: apt's package lists, its caches, the .deb files.
_STRIPPED = ("var/lib/apt/lists/*_*", "var/cache/apt/*.bin", "var/cache/apt/archives/*.deb")


@dataclass(frozen=True)
class DerivedImage:
    """An image built on DEBIAN_IMAGE from a recipe directory and some Debian packages."""

    tag: str
    recipe: Path
    packages: tuple[str, ...]


PYTHON_IMAGE = DerivedImage(
    f"twins/python:3.11-{SUITE}",
    RECIPES / "python",
    ("python3", "python3-venv", "python-is-python3"),
)
POSTGRES_IMAGE = DerivedImage(
    f"twins/postgres:15-{SUITE}", RECIPES / "postgres", ("postgresql-15",)
)
# The scaled stack's broker and reverse proxy (docker-compose.yml names the official images).
RABBITMQ_IMAGE = DerivedImage(
    f"twins/rabbitmq:3.10-{SUITE}", RECIPES / "rabbitmq", ("rabbitmq-server",)
)
HAPROXY_IMAGE = DerivedImage(f"twins/haproxy:2.6-{SUITE}", RECIPES / "haproxy", ("haproxy",))
DERIVED_IMAGES = (PYTHON_IMAGE, POSTGRES_IMAGE, RABBITMQ_IMAGE, HAPROXY_IMAGE)


def digest(parts: Iterable[str], files: Iterable[Path] = ()) -> str:
    """A short digest of a recipe: its words and the content of its files."""
    hasher = hashlib.sha256()
    for part in parts:
        hasher.update(part.encode() + b"\0")
    for path in sorted(files):
        hasher.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return hasher.hexdigest()[:16]


def recipe_label(tag: str, env: Mapping[str, str]) -> str | None:
    """The recipe digest the image under `tag` was built from; None if there is no such image."""
    template = f'{{{{ index .Config.Labels "{RECIPE_LABEL}" }}}}'
    try:
        return run(
            ["docker", "image", "inspect", "--format", template, tag],
            log="base-images",
            timeout=30,
            env=env,
        ).strip()
    except CommandError:
        return None


def image_id(tag: str, env: Mapping[str, str]) -> str:
    return run(
        ["docker", "image", "inspect", "--format", "{{.Id}}", tag],
        log="base-images",
        timeout=30,
        env=env,
    ).strip()


def host_configuration_in(
    rootfs: Path, host_files: Iterable[Path] = HOST_CONFIGURATION
) -> list[str]:
    """The host files whose copy is in `rootfs` at the same path with the same content."""
    found = []
    for host_file in host_files:
        copy = rootfs / host_file.relative_to("/")
        try:
            original = host_file.read_bytes()
        except OSError:
            continue  # not on this host: nothing to leak
        if original and copy.is_file() and copy.read_bytes() == original:
            found.append(str(host_file))
    return found


def _fresh_directory(path: Path) -> Path:
    """An empty directory at `path`, after unmounting what a killed debootstrap left mounted."""
    if path.exists():
        prefix = f"{path}/"
        mounts = [
            line.split()[1]
            for line in Path("/proc/self/mounts").read_text().splitlines()
            if line.split()[1].startswith(prefix)
        ]
        for mount_point in sorted(mounts, reverse=True):
            run(["umount", "--lazy", mount_point], log="base-images", timeout=30)
        shutil.rmtree(path)
    path.mkdir(parents=True)
    return path


def _debootstrap(target: Path, *options: str) -> None:
    DEB_CACHE.mkdir(parents=True, exist_ok=True)
    run(
        [
            "debootstrap",
            "--variant=minbase",
            f"--cache-dir={DEB_CACHE}",
            *options,
            SUITE,
            target,
            MIRROR,
        ],
        log="base-images",
        timeout=DEBOOTSTRAP_TIMEOUT_SECONDS,
    )


def build_debian(recipe: str, env: Mapping[str, str]) -> None:
    rootfs = _fresh_directory(IMAGES / "rootfs")
    _debootstrap(rootfs)
    for copied in ("etc/resolv.conf", "etc/hostname"):
        (rootfs / copied).unlink(missing_ok=True)
    for pattern in _STRIPPED:
        for path in rootfs.glob(pattern):
            path.unlink()
    leaked = host_configuration_in(rootfs)
    if leaked:
        raise CommandError(f"the Debian root file system holds the host's {', '.join(leaked)}")
    archive = IMAGES / "rootfs.tar"
    run(
        ["tar", "--create", "--numeric-owner", f"--file={archive}", f"--directory={rootfs}", "."],
        log="base-images",
        timeout=300,
    )
    changes = [*IMPORT_CHANGES, f"LABEL {RECIPE_LABEL}={recipe}"]
    run(
        ["docker", "import", *(f"--change={change}" for change in changes), archive, DEBIAN_IMAGE],
        log="base-images",
        timeout=BUILD_TIMEOUT_SECONDS,
        env=env,
    )
    archive.unlink()
    shutil.rmtree(rootfs)


def build_derived(image: DerivedImage, recipe: str, env: Mapping[str, str]) -> None:
    work = IMAGES / image.recipe.name
    download = _fresh_directory(work / "download")
    # The whole closure of the packages over a minimal system: the base has most of it, and apt
    # installs only the rest.
    _debootstrap(download, "--download-only", f"--include={','.join(image.packages)}")
    context = work / "context"
    if context.exists():
        shutil.rmtree(context)
    shutil.copytree(image.recipe, context)
    debs = context / "debs"
    debs.mkdir()
    for deb in (download / "var/cache/apt/archives").glob("*.deb"):
        os.link(deb, debs / deb.name)
    run(
        [
            "docker",
            "build",
            "--network=none",
            "--build-arg",
            f"BASE={DEBIAN_IMAGE}",
            "--label",
            f"{RECIPE_LABEL}={recipe}",
            "--tag",
            image.tag,
            context,
        ],
        log="base-images",
        timeout=BUILD_TIMEOUT_SECONDS,
        env=env,
    )
    shutil.rmtree(work)


def ensure_base_images(progress: Progress, env: Mapping[str, str]) -> None:
    """Build each image whose tag is absent or whose recipe has changed; one step each."""
    debian_recipe = digest([SUITE, "minbase", *IMPORT_CHANGES, *_STRIPPED])
    with progress.step(f"base image {DEBIAN_IMAGE}") as step:
        if recipe_label(DEBIAN_IMAGE, env) == debian_recipe:
            step.outcome = "cached"
        else:
            build_debian(debian_recipe, env)
            step.outcome = f"built: debootstrap --variant=minbase {SUITE}, docker import"
    base_id = image_id(DEBIAN_IMAGE, env)
    for image in DERIVED_IMAGES:
        recipe = digest([base_id, *image.packages], image.recipe.iterdir())
        with progress.step(f"base image {image.tag}") as step:
            if recipe_label(image.tag, env) == recipe:
                step.outcome = "cached"
            else:
                build_derived(image, recipe, env)
                step.outcome = f"built: {' '.join(image.packages)} from {SUITE}"
