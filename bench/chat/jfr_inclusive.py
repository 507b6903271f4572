#!/usr/bin/env python3
"""Inclusive CPU shares of chosen code paths in a JFR recording, all threads (bench/README.md, "Chat turn overhead").

jfr_breakdown.py puts each sample of the HTTP worker threads into one bucket; a chat turn also runs on virtual
threads and on the JDK HTTP client's threads, so this counts, over ALL threads' execution samples in a time
window, the share of samples whose stack contains each frame prefix (a sample can count for several rows).

usage: jfr_inclusive.py RECORDING.jfr FROM TO [--jfr PATH_TO_jfr]   (FROM/TO as HH:MM:SS, the machine's zone)
"""
import argparse
import collections
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from jfr_breakdown import read_samples  # noqa: E402

PATHS = [
    ("Whole chat request (DebugChatResource.chat + executor part)", ("io.llmops.app.boundary.DebugChatResource",)),
    ("ChatTurns.prepare (config, model, conversation, memory, message insert)", ("io.llmops.app.boundary.ChatTurns.prepare",)),
    ("  Models.streamingChatModel (credentials decrypt + model build)", ("io.llmops.model.boundary.Models.streamingChatModel",)),
    ("  OpenAiStreamingChatModel builder/constructor", ("dev.langchain4j.model.openai.OpenAiStreamingChatModel.<init>", "dev.langchain4j.model.openai.OpenAiStreamingChatModel$OpenAiStreamingChatModelBuilder.build")),
    ("  ServiceLoader lookups (any)", ("java.util.ServiceLoader",)),
    ("  JDK HttpClient construction", ("java.net.http.HttpClient$Builder.build", "jdk.internal.net.http.HttpClientBuilderImpl.build", "jdk.internal.net.http.HttpClientImpl.<init>")),
    ("ChatHistory (all)", ("io.llmops.app.boundary.ChatHistory",)),
    ("ChatTurns.run (agent loop + finish)", ("io.llmops.app.boundary.ChatTurns.run",)),
    ("  AgentLoop.run", ("io.llmops.agent.control.AgentLoop.run",)),
    ("  TokenCounter (jtokkit)", ("io.llmops.agent.control.TokenCounter",)),
    ("SseWriter.send (JSON-B + write + flush)", ("io.llmops.platform.web.SseWriter.send",)),
    ("JSON-B / Yasson (any)", ("org.eclipse.yasson",)),
    ("Hibernate / JDBC / pool (any)", ("org.hibernate", "org.postgresql", "com.sun.gjc", "com.sun.enterprise.resource")),
    ("Redis / Jedis (any)", ("redis.clients.jedis",)),
    ("JWT verification (Nimbus RSA)", ("com.nimbusds.jose.crypto.RSASSAVerifier.verify",)),
    ("MP-JWT (any)", ("fish.payara.microprofile.jwtauth",)),
    ("Weld CDI (any)", ("org.jboss.weld",)),
    ("Jersey / HK2 (any)", ("org.glassfish.jersey", "org.jvnet.hk2")),
    ("JDK HTTP client internals (any, incl. SelectorManager)", ("jdk.internal.net.http",)),
    ("Grizzly / Catalina (any)", ("org.glassfish.grizzly", "org.apache.catalina")),
    ("LangChain4j (any)", ("dev.langchain4j",)),
]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("recording")
    parser.add_argument("start")
    parser.add_argument("end")
    parser.add_argument("--jfr", default="/usr/lib/jvm/temurin-25-jdk-amd64/bin/jfr")
    parser.add_argument("--top", type=int, default=20)
    args = parser.parse_args()
    window = [s for s in read_samples(args.recording, args.jfr) if args.start <= s["time"] <= args.end]
    if not window:
        sys.exit(f"no samples between {args.start} and {args.end}")
    total = len(window)
    threads = collections.Counter(s["thread"].split("-")[0] if s["thread"] else "(virtual/unnamed)" for s in window)
    print(f"{total} CPU samples (all threads) between {args.start} and {args.end}")
    print()
    print("| Inclusive share | Code path |")
    print("|---:|---|")
    for name, prefixes in PATHS:
        n = sum(1 for s in window if any(f.startswith(p) for f in s["frames"] for p in prefixes))
        print(f"| {100 * n / total:.1f}% | {name} |")
    print()
    print("Threads (name up to the first '-'): " + ", ".join(f"{k} {100 * v / total:.0f}%" for k, v in threads.most_common(8)))
    print()
    print("Top leaf methods:")
    for method, n in collections.Counter(s["frames"][0] for s in window if s["frames"]).most_common(args.top):
        print(f"  {100 * n / total:5.1f}%  {method}")
    print()
    print("Top io.llmops frames nearest the leaf:")
    own = collections.Counter(next((f for f in s["frames"] if f.startswith("io.llmops.")), "(none)") for s in window)
    for method, n in own.most_common(args.top):
        print(f"  {100 * n / total:5.1f}%  {method}")


if __name__ == "__main__":
    main()
