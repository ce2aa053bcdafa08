#!/usr/bin/env python3
"""Failure drills against the private cluster of scripts/cluster.sh (which sets the environment).

Each drill prints PASS or FAIL with what it measured; the last line is
"cluster: N passed, N failed" and the exit status is 1 when any drill failed.
"""
import datetime
import html.parser
import http.client
import http.cookies
import json
import os
import re
import signal
import ssl
import subprocess
import threading
import time
import urllib.parse
import uuid

ENV = os.environ
ROOT = ENV["ROOT"]
PASSWORD = ENV["PASSWORD"]
APP_PORTS = [int(p) for p in ENV["APP_PORTS"].split()]
NGINX = int(ENV["NGINX_HTTPS"])
TLS = ssl.create_default_context(cafile=ENV["CA"])
OFFICER_PAGE = "/units/24445/certification"
FAILOVER_LIMIT_SECONDS = 30
results = []


def report(name, ok, detail):
    results.append(ok)
    print(f"{'PASS' if ok else 'FAIL'} {name}: {detail}", flush=True)


class Client:
    """One HTTP client: to an instance directly (http) or through nginx (https), with a cookie jar
    that keeps Secure cookies too (the instances mark every cookie Secure behind the TLS proxy)."""

    def __init__(self, port, tls, cookies=None):
        self.port, self.tls = port, tls
        self.cookies = cookies if cookies is not None else {}

    def request(self, method, path, body=None, headers=None, timeout=15):
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if self.tls:
            connection = http.client.HTTPSConnection("localhost", self.port, context=TLS, timeout=timeout)
        else:
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            data = response.read()
            for name, value in response.getheaders():
                if name.lower() == "set-cookie":
                    jar = http.cookies.SimpleCookie()
                    jar.load(value)
                    for key, morsel in jar.items():
                        if morsel["expires"] and "1970" in morsel["expires"]:
                            self.cookies.pop(key, None)
                        else:
                            self.cookies[key] = morsel.value
            return response.status, dict((k.lower(), v) for k, v in response.getheaders()), data
        finally:
            connection.close()

    def json(self, method, path, payload, headers=None):
        headers = {"Content-Type": "application/json", **(headers or {})}
        return self.request(method, path, json.dumps(payload).encode(), headers)


class FormToken(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.token = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("name") == "__RequestVerificationToken" and self.token is None:
            self.token = attrs.get("value")


def sign_in_form(client_for_form, client_for_post, user):
    status, _, body = client_for_form.request("GET", "/Account/Login")
    assert status == 200, f"GET /Account/Login answered {status}"
    parser = FormToken()
    parser.feed(body.decode("utf-8", "replace"))
    assert parser.token, "no antiforgery token in the sign-in form"
    form = urllib.parse.urlencode({"Input.UserName": user, "Input.Password": PASSWORD, "__RequestVerificationToken": parser.token})
    status, headers, _ = client_for_post.request("POST", "/Account/Login", form.encode(), {"Content-Type": "application/x-www-form-urlencoded"})
    return status, headers.get("location", "")


def token(user):
    status, _, body = Client(NGINX, True).json("POST", "/api/v1/auth/token", {"userName": user, "password": PASSWORD})
    assert status == 200, f"token for {user}: {status} {body[:200]!r}"
    return json.loads(body)["accessToken"]


def sql(port, statement):
    command = [os.path.join(ENV["PG_BIN"], "psql"), "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "-d", "hocvuso", "-XAtqc", statement]
    if os.getuid() == 0:
        command = ["runuser", "-u", ENV["RUN_USER"], "--"] + command
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout.strip()


def today_in_vietnam():
    return (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=7)).date().isoformat()


def activity(client_id):
    return {"clientId": client_id, "type": "guidance-session", "villageCode": "24445-001", "date": today_in_vietnam(),
            "topics": ["install-vneid"], "participants": 3, "durationMinutes": 30, "place": "Nhà văn hóa"}


def send_activity(bearer, client_id, deadline_seconds=60):
    """Sends one activity through nginx until the platform acknowledges it, retrying what got no
    answer (or a 5xx) with the same client id and Idempotency-Key, as the field app does.
    Returns (acknowledged, attempts)."""
    client = Client(NGINX, True)
    key = "drill-" + client_id
    attempts = 0
    deadline = time.monotonic() + deadline_seconds
    while time.monotonic() < deadline:
        attempts += 1
        try:
            status, _, body = client.json("POST", "/api/v1/teams/activities/sync", {"items": [activity(client_id)]},
                                          {"Authorization": "Bearer " + bearer, "Idempotency-Key": key})
            if status == 200:
                item = json.loads(body)["results"][0]
                return item["status"] in ("accepted", "duplicate"), attempts
            if status < 500 and status != 429:
                return False, attempts
        except (OSError, http.client.HTTPException):
            pass
        time.sleep(0.2)
    return False, attempts


def drill_session_moves_between_instances():
    cookies = {}
    on_a, on_b = Client(APP_PORTS[0], False, cookies), Client(APP_PORTS[1], False, cookies)
    # The form and its antiforgery token come from instance A; instance B accepts the post and signs in.
    status, location = sign_in_form(on_a, on_b, "officer.eatrang")
    if status != 302 or "Login" in location:
        return report("session-across-instances", False, f"sign-in with A's form posted to B answered {status} {location}")
    answers = [Client(port, False, cookies).request("GET", OFFICER_PAGE)[0] for port in APP_PORTS]
    via_nginx = [Client(NGINX, True, cookies).request("GET", OFFICER_PAGE)[0] for _ in range(4)]
    anonymous = Client(APP_PORTS[1], False).request("GET", OFFICER_PAGE)[0]
    ok = answers == [200, 200] and via_nginx == [200] * 4 and anonymous == 302
    report("session-across-instances", ok,
           f"signed in on B with A's form; officer page on A, B: {answers}; through nginx x4: {via_nginx}; without the cookie: {anonymous}")
    return cookies


def drill_kill_instance_under_load(session_cookies):
    bearer = token("team.eatrang")
    run = uuid.uuid4().hex[:8]
    stop = threading.Event()
    lock = threading.Lock()
    stats = {"gets": 0, "get_failures": [], "writes": 0, "acked": [], "unacked": [], "write_retries": 0}
    counter = iter(range(10 ** 9))

    def worker(n):
        client = Client(NGINX, True)
        paths = ["/api/v1/units?level=1", "/learn", "/api/v1/units/search?q=ea%20trang"]
        i = 0
        while not stop.is_set():
            path = paths[i % len(paths)]
            i += 1
            try:
                status, _, _ = client.request("GET", path)
                failure = None if status == 200 else f"{path} {status}"
            except (OSError, http.client.HTTPException) as e:
                failure = f"{path} {type(e).__name__}"
            with lock:
                stats["gets"] += 1
                if failure:
                    stats["get_failures"].append(failure)
            if i % 2 == 0:
                client_id = f"drill-a-{run}-{next(counter)}"
                acked, attempts = send_activity(bearer, client_id)
                with lock:
                    stats["writes"] += 1
                    stats["write_retries"] += attempts - 1
                    (stats["acked"] if acked else stats["unacked"]).append(client_id)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    started = time.monotonic()
    for t in threads:
        t.start()
    time.sleep(6)
    victim = int(open(os.path.join(ROOT, "instance1.pid")).read().strip())
    os.kill(victim, signal.SIGKILL)
    killed_at = time.monotonic() - started
    time.sleep(12)
    stop.set()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started

    rows, distinct = sql(ENV["PG_PRIMARY"], f"""SELECT count(*), count(DISTINCT "ClientId") FROM "FieldActivities" WHERE "ClientId" LIKE 'drill-a-{run}-%'""").split("|")
    stored = set(sql(ENV["PG_PRIMARY"], f"""SELECT "ClientId" FROM "FieldActivities" WHERE "ClientId" LIKE 'drill-a-{run}-%'""").split())
    missing = [c for c in stats["acked"] if c not in stored]
    alive = subprocess.run(["kill", "-0", str(victim)], capture_output=True).returncode == 0
    ok = (not alive and stats["gets"] > 100 and not stats["get_failures"] and not stats["unacked"] and not missing
          and int(rows) == len(stats["acked"]) == int(distinct) and stats["writes"] > 20)
    report("kill-9-under-load", ok,
           f"instance 1 (pid {victim}) killed at {killed_at:.1f} s of {elapsed:.1f} s; {stats['gets']} GETs, failed: {len(stats['get_failures'])} "
           f"{stats['get_failures'][:5]}; writes acknowledged {len(stats['acked'])} of {stats['writes']} (client retries {stats['write_retries']}), "
           f"rows stored {rows}, distinct {distinct}, acknowledged but missing {len(missing)}")
    after = Client(NGINX, True, session_cookies).request("GET", OFFICER_PAGE)[0]
    report("session-survives-instance-loss", after == 200, f"the session started before the kill, through nginx afterwards: {after}")
    pools = subprocess.run((["runuser", "-u", ENV["RUN_USER"], "--"] if os.getuid() == 0 else []) +
                           [os.path.join(ENV["PG_BIN"], "psql"), "-h", "127.0.0.1", "-p", ENV["PGB_PORT"], "-U", "pgbouncer", "-d", "pgbouncer", "-XAtqc", "SHOW STATS"],
                           capture_output=True, text=True).stdout
    line = next((l for l in pools.splitlines() if l.startswith("hocvuso|")), "")
    transactions = int(line.split("|")[1]) if line else 0
    report("pgbouncer-transaction-pooling", transactions > len(stats["acked"]),
           f"PgBouncer (pool_mode=transaction, No Reset On Close, Max Auto Prepare=0) carried {transactions} transactions of the platform")


def drill_promote_standby():
    bearer = token("team.eatrang")
    run = uuid.uuid4().hex[:8]
    before = [f"drill-b-{run}-before-{i}" for i in range(20)]
    acked = [c for c in before if send_activity(bearer, c, 20)[0]]
    if len(acked) != len(before):
        return report("promote-standby", False, f"only {len(acked)} of {len(before)} writes acknowledged before the stop")
    pg_ctl = os.path.join(ENV["PG_BIN"], "pg_ctl")
    as_user = ["runuser", "-u", ENV["RUN_USER"], "--"] if os.getuid() == 0 else []
    stopped_at = time.monotonic()
    subprocess.run(as_user + [pg_ctl, "-D", os.path.join(ROOT, "pg-primary"), "-m", "fast", "-w", "stop"], check=True, capture_output=True)
    subprocess.run(as_user + [pg_ctl, "-D", os.path.join(ROOT, "pg-standby"), "-w", "promote"], check=True, capture_output=True)
    ini = os.path.join(ROOT, "pgbouncer", "pgbouncer.ini")
    text = open(ini).read()
    text = re.sub(r"^hocvuso = host=127.0.0.1 port=\d+", f"hocvuso = host=127.0.0.1 port={ENV['PG_STANDBY']}", text, flags=re.M)
    open(ini, "w").write(text)
    subprocess.run(as_user + [os.path.join(ENV["PG_BIN"], "psql"), "-h", "127.0.0.1", "-p", ENV["PGB_PORT"], "-U", "pgbouncer", "-d", "pgbouncer", "-XAtqc", "RELOAD"],
                   check=True, capture_output=True)
    after = f"drill-b-{run}-after"
    written, attempts = send_activity(bearer, after, FAILOVER_LIMIT_SECONDS * 2)
    took = time.monotonic() - stopped_at
    stored = set(sql(ENV["PG_STANDBY"], f"""SELECT "ClientId" FROM "FieldActivities" WHERE "ClientId" LIKE 'drill-b-{run}-%'""").split())
    lost = [c for c in before if c not in stored]
    in_recovery = sql(ENV["PG_STANDBY"], "SELECT pg_is_in_recovery()")
    ok = written and took <= FAILOVER_LIMIT_SECONDS and not lost and after in stored and in_recovery == "f"
    report("promote-standby", ok,
           f"primary stopped, standby promoted, PgBouncer repointed: writes accepted again {took:.1f} s after the stop "
           f"(limit {FAILOVER_LIMIT_SECONDS} s, {attempts} attempt(s)); {len(before)} writes acknowledged before the stop, lost {len(lost)}")


def drill_static_cache_and_rate_limit():
    client = Client(NGINX, True)
    # The stylesheet as pages link it: its fingerprinted address, which the platform marks immutable
    # (the plain /css/site.css is "no-cache", revalidated by browsers and never kept by nginx).
    _, _, home = client.request("GET", "/")
    links = re.findall(r'href="(/css/[^"?]+\.css)"', home.decode("utf-8", "replace"))
    stylesheet = links[0] if links else "/css/site.css"
    first = client.request("GET", stylesheet)
    second = client.request("GET", stylesheet)
    cached = first[0] == 200 and second[1].get("x-cache-status") == "HIT"
    report("static-files-cached", cached,
           f"{stylesheet}: {first[0]} {first[1].get('x-cache-status')}, then {second[0]} {second[1].get('x-cache-status')}")
    statuses = []
    for _ in range(40):
        status, headers, _ = client.json("POST", "/api/v1/auth/token", {"userName": "nobody.drill", "password": "wrong-password-1A"})
        statuses.append((status, headers.get("content-type", "")))
    # nginx answers its own 429 with its HTML error page; a 429 of an instance is a JSON problem.
    by_nginx = [s for s in statuses if s[0] == 429 and s[1].startswith("text/html")]
    by_instances = [s for s in statuses if s[0] == 429 and "json" in s[1]]
    ok = len(by_nginx) > 0
    report("rate-limit-at-nginx", ok,
           f"40 sign-in attempts from one address: {len(by_nginx)} refused with 429 by nginx (limit_req, shared by every instance), "
           f"{len(by_instances)} by an instance's own limit")


def main():
    cookies = {}
    try:
        cookies = drill_session_moves_between_instances() or {}
    except Exception as e:  # a drill that breaks is a failed drill, and the others still run
        report("session-across-instances", False, f"{type(e).__name__}: {e}")
    for name, drill in [("kill-9-under-load", lambda: drill_kill_instance_under_load(cookies)),
                        ("promote-standby", drill_promote_standby),
                        ("static-and-rate-limit", drill_static_cache_and_rate_limit)]:
        try:
            drill()
        except Exception as e:
            report(name, False, f"{type(e).__name__}: {e}")
    passed = sum(1 for r in results if r)
    failed = len(results) - passed
    print(f"cluster: {passed} passed, {failed} failed", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
