"""[warehouse] limits: read from the config, applied to DuckDB, a wrong size named in one line."""

from __future__ import annotations

import pytest

from transforms import warehouse
from transforms.config import ConfigError, load_settings


def test_limits_from_config_reach_duckdb(tmp_path):
    config = tmp_path / "mine.toml"
    config.write_text('[warehouse]\nmemory_limit = "512MB"\nthreads = 1\n')
    settings = load_settings(config)
    con = warehouse.connect(tmp_path / "w.duckdb", limits=settings.warehouse)
    try:
        memory, threads, temp = con.execute(
            "select current_setting('memory_limit'), current_setting('threads'), current_setting('temp_directory')"
        ).fetchone()
    finally:
        con.close()
    # DuckDB shows 512 MB (10^6 bytes) as 488.2 MiB; the spill folder defaults to beside the warehouse file.
    assert (memory, threads, temp) == ("488.2 MiB", 1, f"{tmp_path / 'w.duckdb'}.tmp")


def test_memory_limit_that_is_no_size_is_one_line(tmp_path):
    config = tmp_path / "mine.toml"
    config.write_text('[warehouse]\nmemory_limit = "lots"\n')
    with pytest.raises(ConfigError) as err:
        load_settings(config)
    assert str(err.value) == (f'{config} line 2: [warehouse] memory_limit = "lots" is not a size in quotes such as '
                              '"2GB" or "512MB", or "" for DuckDB\'s default; write memory_limit = "2GB"')
