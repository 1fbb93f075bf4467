from pathlib import Path

from tools.containers.base_images import (
    HOST_CONFIGURATION,
    POSTGRES_IMAGE,
    PYTHON_IMAGE,
    digest,
    host_configuration_in,
)


def host_with(tmp_path: Path, **files: str) -> list[Path]:
    """Stand-ins for the host's configuration files, by name under a fake /etc."""
    paths = []
    for name, content in files.items():
        path = tmp_path / "host" / "etc" / name.replace("_", ".")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content)
        paths.append(path)
    return paths


def rootfs_with(tmp_path: Path, host_file: Path, content: str) -> Path:
    rootfs = tmp_path / "rootfs"
    copy = rootfs / host_file.relative_to("/")
    copy.parent.mkdir(parents=True, exist_ok=True)
    copy.write_text(content)
    return rootfs


def test_a_copy_of_a_host_configuration_file_in_the_image_is_found(tmp_path: Path) -> None:
    (pip_conf,) = host_with(tmp_path, pip_conf="[global]\nfind-links = /opt/wheels\n")
    rootfs = rootfs_with(tmp_path, pip_conf, "[global]\nfind-links = /opt/wheels\n")

    assert host_configuration_in(rootfs, [pip_conf]) == [str(pip_conf)]


def test_a_file_of_the_same_name_with_the_image_own_content_is_not_a_copy(tmp_path: Path) -> None:
    (resolv,) = host_with(tmp_path, resolv_conf="nameserver 10.255.255.53\n")
    rootfs = rootfs_with(tmp_path, resolv, "nameserver 127.0.0.11\n")

    assert host_configuration_in(rootfs, [resolv]) == []


def test_a_host_file_that_does_not_exist_cannot_leak(tmp_path: Path) -> None:
    rootfs = tmp_path / "rootfs"
    rootfs.mkdir()

    assert host_configuration_in(rootfs, [tmp_path / "no" / "such.conf"]) == []


def test_the_checked_host_files_include_those_debootstrap_copies() -> None:
    # debootstrap's setup_etc copies these two from the host into the new system.
    assert {Path("/etc/resolv.conf"), Path("/etc/hostname")} <= set(HOST_CONFIGURATION)


def test_a_recipe_digest_changes_with_its_files_and_words(tmp_path: Path) -> None:
    entrypoint = tmp_path / "entrypoint.sh"
    entrypoint.write_text("exec postgres\n")
    before = digest(["base-id", "postgresql-15"], [entrypoint])

    assert digest(["base-id", "postgresql-15"], [entrypoint]) == before
    assert digest(["other-base-id", "postgresql-15"], [entrypoint]) != before
    entrypoint.write_text("exec postgres -c fsync=off\n")
    assert digest(["base-id", "postgresql-15"], [entrypoint]) != before


def test_each_image_recipe_has_a_dockerfile_built_on_the_imported_debian() -> None:
    for image in (PYTHON_IMAGE, POSTGRES_IMAGE):
        dockerfile = (image.recipe / "Dockerfile").read_text()
        assert "ARG BASE\nFROM ${BASE}\n" in dockerfile
        assert "COPY debs/ /tmp/debs/" in dockerfile
