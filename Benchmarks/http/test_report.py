"""Checks report.py's reading of wrk output: `.venv/bin/python -m pytest Benchmarks/http -q`."""

import json

import pytest

from report import duration_ms, parse_wrk, render

WRK_CLEAN = """Running 10s test @ http://127.0.0.1:52677/
  1 threads and 64 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     9.52ms   23.22ms 216.94ms   91.93%
    Req/Sec    31.03k    21.96k  105.62k    75.79%
  Latency Distribution
     50%  717.00us
     75%    6.58ms
     90%   25.84ms
     99%  123.45ms
  300434 requests in 10.05s, 46.13MB read
Requests/sec:  29886.72
Transfer/sec:      4.59MB
"""

WRK_ERRORS = """Running 5s test @ http://127.0.0.1:40000/json
  1 threads and 256 connections
  Latency Distribution
     50%    1.50s
     75%    1.90s
     90%    1.99s
     99%    2.00s
  4000 requests in 5.01s, 700.00KB read
  Socket errors: connect 3, read 7, write 0, timeout 90
  Non-2xx or 3xx responses: 12
Requests/sec:    798.40
Transfer/sec:    139.72KB
"""


@pytest.mark.parametrize("text, ms", [("717.00us", 0.717), ("6.58ms", 6.58), ("2.00s", 2000.0), ("1.50m", 90000.0)])
def test_duration_units(text, ms):
    assert duration_ms(text) == pytest.approx(ms)


def test_duration_rejects_other_text():
    with pytest.raises(ValueError):
        duration_ms("12 parsecs")


def test_clean_run():
    figures = parse_wrk(WRK_CLEAN)
    assert figures["rps"] == pytest.approx(29886.72)
    assert figures["p50_ms"] == pytest.approx(0.717)
    assert figures["p99_ms"] == pytest.approx(123.45)
    assert figures["socket_errors"] == 0 and figures["non_2xx"] == 0
    assert figures["requests"] == 300434


def test_errors_are_counted():
    figures = parse_wrk(WRK_ERRORS)
    assert figures["socket_errors"] == 100
    assert figures["non_2xx"] == 12
    assert figures["p99_ms"] == pytest.approx(2000.0)


def test_output_that_is_not_wrk_is_rejected():
    with pytest.raises(ValueError):
        parse_wrk("unable to connect to 127.0.0.1:1 Connection refused\n")


def test_report_takes_the_median_and_the_ratios(tmp_path):
    for round_number, (own, flask, nginx) in enumerate([(100, 10, 1000), (300, 30, 500), (200, 20, 2000)], 1):
        for server, rps in (("flaskish", own), ("flask", flask), ("nginx", nginx)):
            text = WRK_CLEAN.replace("29886.72", f"{rps}.00")
            (tmp_path / f"r{round_number}__{server}__root__c64.txt").write_text(text)
    (tmp_path / "r1__flask__json__c64.txt").write_text("unable to connect\n")
    facts = tmp_path / "facts.tsv"
    idle = {"requested": 10, "answered": 10, "still_open": 10, "rss_before_kib": 1024, "rss_with_kib": 2048,
            "kib_per_connection": 102.4}
    facts.write_text(f"meta\tdate\ttoday\nflaskish\tstartup_ms\t12.5\nflaskish\tidle_rss_kib\t2048\n"
                     f"flaskish\tidle_json\t{json.dumps(idle)}\nnginx\tproblem\tdid not start\n")
    text = render(str(tmp_path), str(facts))
    assert "| `/` | 64 | Flaskish | 200 |" in text
    assert "| `/` | 64 | 0.20× | 10.00× |" in text
    assert "| Flaskish | 2.0 | n/a | 12 ms |" in text
    assert "| Flaskish | 10 | 10 | 10 | 1.0 | 2.0 | 102.4 |" in text
    assert "did not start" in text
    assert "unreadable wrk output r1__flask__json__c64.txt" in text


def test_page_route_is_reported_beside_the_others(tmp_path):
    for server, rps in (("flaskish", 900), ("flask", 30)):
        (tmp_path / f"r1__{server}__page__c64.txt").write_text(WRK_CLEAN.replace("29886.72", f"{rps}.00"))
    (tmp_path / "r1__flaskish__root__c64.txt").write_text(WRK_CLEAN)
    facts = tmp_path / "facts.tsv"
    facts.write_text("meta\t/page output\tFlaskish and Flask identical, 264,488 bytes\n")
    text = render(str(tmp_path), str(facts))
    assert "| `/page` | 64 | Flaskish | 900 |" in text
    assert "| `/page` | 64 | Flask (dev server, threaded) | 30 |" in text
    assert "| `/page` | 64 | n/a | 30.00× |" in text
    assert text.index("| `/` | 64 | Flaskish |") < text.index("| `/page` | 64 | Flaskish |")
    assert "identical, 264,488 bytes" in text
