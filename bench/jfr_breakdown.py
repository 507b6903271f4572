#!/usr/bin/env python3
"""Where the server's CPU goes during one load window, from a JFR recording (bench/README.md).

Reads the text of `jfr print --events jdk.ExecutionSample` (pass the .jfr file and the JDK's `jfr`
tool is run for you), keeps the samples of the HTTP worker threads between two wall-clock times, and
puts every sample into the first bucket below whose frame pattern occurs in its stack (most specific
first, so e.g. the JSON provider lookup inside MP-JWT is not counted as "MP-JWT, other"). Execution
samples only see threads running Java code: time spent waiting for PostgreSQL or Redis is not here.

usage: jfr_breakdown.py RECORDING(.jfr|.txt) FROM TO [--jfr PATH_TO_jfr] [--top N]
       FROM/TO as HH:MM:SS in the time zone `jfr print` uses (the machine's)
"""
import argparse
import collections
import re
import subprocess
import sys

BUCKETS = [
    ("JSON provider lookup per call (JsonProvider.provider -> ServiceLoader classpath scan)", ("jakarta.json.spi.JsonProvider.provider",)),
    ("JWT RSA signature verification (Nimbus RSASSAVerifier)", ("com.nimbusds.jose.crypto.RSASSAVerifier.verify",)),
    ("MP-JWT other (token parsing, claims, identity store)", ("fish.payara.microprofile.jwtauth",)),
    ("Redis revocation lookup (Jedis)", ("redis.clients.jedis", "io.llmops.platform.security.RevokedTokens")),
    ("JPA / Hibernate / JDBC (account read)", ("org.hibernate", "org.postgresql", "com.sun.gjc", "com.sun.enterprise.resource")),
    ("JTA transaction interceptor", ("org.glassfish.cdi.transaction", "com.sun.enterprise.transaction")),
    ("JSON-B response serialization (Yasson)", ("org.eclipse.yasson",)),
    ("Jakarta Security / JASPIC (Soteria, Epicyro, realm)", ("org.glassfish.soteria", "org.glassfish.epicyro", "com.sun.web.security")),
    ("CDI (Weld) proxies, interceptors, lookups", ("org.jboss.weld",)),
    ("Jersey (JAX-RS) and HK2", ("org.glassfish.jersey", "org.jvnet.hk2")),
    ("Application filters (io.llmops.*)", ("io.llmops.",)),
    ("Servlet container and HTTP (Catalina, Grizzly)", ("org.apache.catalina", "org.glassfish.grizzly", "com.sun.enterprise.web", "com.sun.enterprise.v3.services")),
]


def read_samples(path, jfr_tool):
    if path.endswith(".jfr"):
        text = subprocess.run([jfr_tool, "print", "--stack-depth", "400", "--events", "jdk.ExecutionSample", path],
                              check=True, capture_output=True, text=True).stdout.splitlines()
    else:
        text = open(path).read().splitlines()
    samples, cur = [], None
    for line in text:
        stripped = line.strip()
        if line.startswith("jdk.ExecutionSample"):
            cur = {"frames": [], "time": "", "thread": ""}
            samples.append(cur)
        elif cur is None:
            continue
        elif stripped.startswith("startTime ="):
            cur["time"] = stripped.split()[2][:8]
        elif stripped.startswith("sampledThread ="):
            cur["thread"] = stripped.split('"')[1] if '"' in stripped else stripped
        elif line.startswith("    ") and stripped not in ("]", "}", "..."):
            cur["frames"].append(re.sub(r"\s+line:.*$", "", stripped).split("(")[0])
    return samples


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("recording")
    parser.add_argument("start")
    parser.add_argument("end")
    parser.add_argument("--jfr", default="/usr/lib/jvm/temurin-25-jdk-amd64/bin/jfr")
    parser.add_argument("--threads", default="http-thread-pool", help="substring of the worker threads' names")
    parser.add_argument("--top", type=int, default=15, help="how many leaf methods to list")
    args = parser.parse_args()

    samples = read_samples(args.recording, args.jfr)
    window = [s for s in samples if args.start <= s["time"] <= args.end]
    workers = [s for s in window if args.threads in s["thread"]]
    if not workers:
        sys.exit(f"no samples of '{args.threads}' threads between {args.start} and {args.end} ({len(window)} samples in all)")
    counts = collections.Counter()
    for sample in workers:
        for name, patterns in BUCKETS:
            if any(frame.startswith(p) for frame in sample["frames"] for p in patterns):
                counts[name] += 1
                break
        else:
            counts["other (JDK, unattributed)"] += 1
    total = len(workers)
    print(f"{total} CPU samples of HTTP worker threads between {args.start} and {args.end} "
          f"({len(window) - total} samples of other threads ignored)")
    print()
    print("| Share | Where (first match from the most specific) |")
    print("|---:|---|")
    for name, count in counts.most_common():
        print(f"| {100 * count / total:.1f}% | {name} |")
    print()
    leaves = collections.Counter(s["frames"][0] for s in workers if s["frames"])
    print("Top leaf methods:")
    for method, count in leaves.most_common(args.top):
        print(f"  {100 * count / total:5.1f}%  {method}")


if __name__ == "__main__":
    main()
