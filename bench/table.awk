# bench/table.awk: the benchmark's table from the raw figures that
# bench/run.sh collects: timed runs (one line per run), then the idle,
# callgrind, perf and strace files, named by -v idlefile, cgfile,
# perffile and stracefile.
# Every raw line is "server scenario ... key=value ...".

function kv(line, key,    t) {
	if (!match(" " line, " " key "=[^ ]*"))
		return ""
	t = substr(" " line, RSTART, RLENGTH)
	return substr(t, index(t, "=") + 1)
}
function add(k, m, v) { n[k, m]++; val[k, m, n[k, m]] = v + 0 }
function med(k, m,    i, j, t, c, a) {
	c = n[k, m]
	if (c == 0) return -1
	for (i = 1; i <= c; i++) a[i] = val[k, m, i]
	for (i = 2; i <= c; i++)
		for (j = i; j > 1 && a[j - 1] > a[j]; j--) {
			t = a[j]; a[j] = a[j - 1]; a[j - 1] = t
		}
	lo[k, m] = a[1]; hi[k, m] = a[c]
	return c % 2 ? a[(c + 1) / 2] : (a[c / 2] + a[c / 2 + 1]) / 2
}
function spread(k, m,    md) {
	md = med(k, m)
	if (md <= 0) return "-"
	return sprintf("%.0f%%", 100 * (hi[k, m] - lo[k, m]) / md)
}
function fmt(v, f) { return v < 0 ? "-" : sprintf(f, v) }
FILENAME == stracefile {
	sc[$1, $2] = $3; scname[$2] = 1; sctot[$1] += $3
	next
}
FILENAME != idlefile && FILENAME != cgfile && FILENAME != perffile {
	srv = $1; scen = $2; c = $3
	k = scen SUBSEP srv SUBSEP c
	seen[k] = 1
	ok = kv($0, "ok"); cpu = kv($0, "server_cpu_us")
	wall = kv($0, "wall_us")
	add(k, "rps", kv($0, "rps"))
	add(k, "p50", kv($0, "p50_us") / 1000)
	add(k, "p99", kv($0, "p99_us") / 1000)
	if (ok > 0 && cpu > 0) {
		add(k, "cpr", cpu / ok)
		add(k, "rpc", ok / (cpu / 1e6))
	}
	if (wall > 0)
		add(k, "cli", 100 * (kv($0, "cpu_user_us") + kv($0, "cpu_sys_us")) / wall)
	add(k, "peak", kv($0, "peak_kb") / 1024)
	errs[k] += kv($0, "errors"); oks[k] += ok
	res[k] += kv($0, "resumed")
	next
}
FILENAME == idlefile {
	idle[$1, kv($0, "mode")] = $0
	nidle++
	next
}
FILENAME == cgfile {
	if ($2 == "total")
		cg[$1, "total"] = $3
	else if ($2 == "obj") {
		cg[$1, $3] = $4; cgobj[$3] = 1
	} else if ($2 == "fn") {
		t = $0; sub(/^[^ ]+ fn [^ ]+ [^ ]+ /, "", t)
		t = $4 ": " t; cgf[$1, t] = $3; cgfn[t] = 1
	}
	next
}
FILENAME == perffile {
	if ($2 == "run") { prun[$1] = $0; next }
	d = $0; sub(/^[^ ]+ dso [^ ]+ /, "", d)
	pd[$1, d] += $3; pdso[d] = 1
	next
}
# The keys of `arr' (its values numbers) in `keys', largest value first.
function order(arr, keys,    n, i, j, k, t) {
	n = 0
	for (k in arr) keys[++n] = k
	for (i = 2; i <= n; i++)
		for (j = i; j > 1 && arr[keys[j - 1]] < arr[keys[j]]; j--) {
			t = keys[j]; keys[j] = keys[j - 1]; keys[j - 1] = t
		}
	return n
}
END {
	split("static resume resume12 workshop html", scens, " ")
	title["static"] = "Static page (" page " bytes + header), full TLS handshakes"
	title["resume"] = "Static page, resumed sessions (TLS 1.3 ticket, psk_dhe_ke)"
	title["resume12"] = "Static page, resumed sessions with TLS 1.2 (ticket: no key exchange, no signature)"
	title["workshop"] = "Workshop page with 200 contributions, the 5 newest of each kind shown (" "/w/bench/hospital/" "), full handshakes"
	title["html"] = "The same workshop page as HTML over HTTPS (the web door, -w), full handshakes"
	split("blanksheetd blanksheetd-def floor molly-brown", srvs, " ")
	split("1 16 64", concs, " ")
	for (si = 1; si <= 5; si++) {
		scen = scens[si]
		printf "%s\n", title[scen]
		printf "%-15s %3s %8s %6s %8s %8s %10s %6s %9s %7s %8s %6s\n",
		    "server", "c", "req/s", "spread", "p50 ms", "p99 ms",
		    "us/req", "spread", "req/cpu-s", "client", "peak MB", "errors"
		for (vi = 1; vi <= 4; vi++) for (ci = 1; ci <= 3; ci++) {
			k = scen SUBSEP srvs[vi] SUBSEP concs[ci]
			if (!(k in seen)) continue
			printf "%-15s %3s %8s %6s %8s %8s %10s %6s %9s %7s %8s %6d\n",
			    srvs[vi], concs[ci], fmt(med(k, "rps"), "%.0f"),
			    spread(k, "rps"), fmt(med(k, "p50"), "%.2f"),
			    fmt(med(k, "p99"), "%.2f"), fmt(med(k, "cpr"), "%.0f"),
			    spread(k, "cpr"), fmt(med(k, "rpc"), "%.0f"),
			    fmt(med(k, "cli"), "%.0f%%"), fmt(med(k, "peak"), "%.1f"),
			    errs[k]
			if (scen ~ /^resume/ && oks[k] > res[k])
				printf "  (only %d of %d requests resumed)\n", res[k], oks[k]
		}
		printf "\n"
	}
	print "us/req: server CPU (user + system, whole process tree) per successful request."
	print "req/cpu-s: successful requests per server CPU-second. client: the load"
	print "generator's CPU as a share of wall time (near 100% = client-bound)."
	print "spread: (max - min) / median over " reps " runs. peak MB: sum of VmHWM."
	print "blanksheetd: one worker; blanksheetd-def: its default workers (" ncpu "), on the same CPU."
	printf "\n"

	if (nidle > 0) {
		printf "Idle connections: %d per server, held up to %d s\n", idle_n, idle_t + 5
		printf "%-12s %-10s %6s %6s %8s %8s %8s %8s  %s\n", "server", "kind",
		    "opened", "held", "RSS MB", "PSS MB", "per conn", "closed", "close after (s)"
		for (vi = 1; vi <= 4; vi++) for (mi = 1; mi <= 2; mi++) {
			mode = mi == 1 ? "handshake" : "silent"
			l = idle[srvs[vi], mode]
			if (l == "") continue
			held = kv(l, "held_at_ready"); rss = kv(l, "rss_kb")
			base = kv(l, "base_kb"); closed = kv(l, "closed")
			after = closed > 0 ? sprintf("%.1f-%.1f", kv(l, "close_min_ms") / 1000,
			    kv(l, "close_max_ms") / 1000) : "none within " kv(l, "hold_s")
			printf "%-12s %-10s %6d %6d %8.1f %8.1f %6.1f kB %8d  %s\n", srvs[vi],
			    (mode == "handshake" ? "handshaken" : "silent"), kv(l, "opened"),
			    held, rss / 1024, kv(l, "pss_kb") / 1024,
			    (held > 0 ? (rss - base) / held : 0), closed, after
			idlerss[srvs[vi], mode] = rss; idleheld[srvs[vi], mode] = held
			idlepss[srvs[vi], mode] = kv(l, "pss_kb")
			idleopen[srvs[vi], mode] = kv(l, "opened"); idleclosed[srvs[vi], mode] = closed
			idlemax[srvs[vi], mode] = kv(l, "close_max_ms")
		}
		print "held: connections still open when the memory was read."
		print "RSS: sum over the server's processes then (shared pages counted in each);"
		print "PSS: the same, shared pages divided among them (the memory held in all);"
		print "per conn: RSS above the idle server's, per held connection."
		printf "blanksheetd ran with -t %d (its deadline) and %d workers here.\n\n", idle_t, iw
	}

	if (("base", "total") in cg) {
		printf "callgrind: instructions per request (%d requests, one worker or process)\n", cgn
		printf "%-24s %11s %11s %11s %11s %11s\n", "", "blanksheetd", "", "", "floor", ""
		printf "%-24s %11s %11s %11s %11s %11s\n", "object", "static", "resumed",
		    "workshop", "static", "resumed"
		split("static resumed workshop floor-static floor-resumed", cgcol, " ")
		cgbase["static"] = cgbase["resumed"] = cgbase["workshop"] = "base"
		cgbase["floor-static"] = cgbase["floor-resumed"] = "floor-base"
		for (o in cgobj) {
			keep = 0
			for (ci = 1; ci <= 5; ci++) {
				x = cgcol[ci]
				cgv[x, o] = (cg[x, o] - cg[cgbase[x], o]) / cgn
				if (cgv[x, o] >= 100) keep = 1
			}
			if (keep) byobj[o] = cgv["static", o] + cgv["floor-static", o] / 1000
		}
		nk = order(byobj, keys)
		for (i = 1; i <= nk + 1; i++) {
			o = i <= nk ? keys[i] : "total"
			printf "%-24s", o
			for (ci = 1; ci <= 5; ci++) {
				x = cgcol[ci]
				printf " %11.0f", (cg[x, o] - cg[cgbase[x], o]) / cgn
			}
			printf "\n"
		}
		printf "\n"
		for (t in cgfn) {
			own[t] = (cgf["static", t] - cgf["base", t]) / cgn
			ws[t] = (cgf["workshop", t] - cgf["base", t]) / cgn
			if (t !~ /^blanksheetd: /) delete own[t]
		}
		print "blanksheetd's own functions, static page: instructions per request"
		nk = order(own, keys)
		for (i = 1; i <= nk && i <= 8; i++)
			printf "  %10.0f  %s\n", own[keys[i]], keys[i]
		print "Top functions for the workshop page: instructions per request"
		nk = order(ws, keys)
		for (i = 1; i <= nk && i <= 15; i++)
			printf "  %10.0f  %s\n", ws[keys[i]], keys[i]
		printf "\n"
	}

	if ("blanksheetd" in prun) {
		print "perf: where the server CPU goes, static page, c=16, us per request by object"
		cb = kv(prun["blanksheetd"], "server_cpu_us") / kv(prun["blanksheetd"], "ok")
		cf = ("floor" in prun) ? kv(prun["floor"], "server_cpu_us") / kv(prun["floor"], "ok") : 0
		printf "%-28s %12s %12s\n", "object", "blanksheetd", "floor"
		for (d in pdso) {
			b = pd["blanksheetd", d] * cb / 100; f = pd["floor", d] * cf / 100
			if (b >= 0.5 || f >= 0.5) bydso[d] = b
		}
		nk = order(bydso, keys)
		for (i = 1; i <= nk; i++) {
			d = keys[i]
			printf "%-28s %12.1f %12.1f\n", d, pd["blanksheetd", d] * cb / 100,
			    pd["floor", d] * cf / 100
		}
		printf "%-28s %12.1f %12.1f\n\n", "total (measured with perf on)", cb, cf
	}

	if (("blanksheetd" in sctot) || ("floor" in sctot)) {
		printf "strace -c: system calls per request, static page, c=8, %d requests\n", stn
		printf "%-28s %12s %12s\n", "call", "blanksheetd", "floor"
		for (c in scname) bysc[c] = sc["blanksheetd", c] + sc["floor", c] / 1000
		nk = order(bysc, keys)
		for (i = 1; i <= nk; i++) {
			c = keys[i]
			if (sc["blanksheetd", c] < 0.05 && sc["floor", c] < 0.05) continue
			printf "%-28s %12.2f %12.2f\n", c, sc["blanksheetd", c], sc["floor", c]
		}
		printf "%-28s %12.2f %12.2f\n\n", "total", sctot["blanksheetd"], sctot["floor"]
	}

	print "Targets"
	a = med("static" SUBSEP "blanksheetd" SUBSEP "16", "cpr")
	d = med("static" SUBSEP "blanksheetd-def" SUBSEP "16", "cpr")
	f = med("static" SUBSEP "floor" SUBSEP "16", "cpr")
	m = med("static" SUBSEP "molly-brown" SUBSEP "16", "cpr")
	if (a > 0 && f > 0)
		printf "- CPU per static request at c=16, one worker, within 1.10x the floor: %.0f vs %.0f us = %.2fx: %s\n",
		    a, f, a / f, (a / f <= 1.1 ? "met" : "NOT met")
	if (a > 0 && m > 0)
		printf "- and within 1.10x molly-brown's: %.0f vs %.0f us = %.2fx: %s\n", a, m,
		    a / m, (a / m <= 1.1 ? "met" : "NOT met")
	if (d > 0 && f > 0)
		printf "- with the default %d workers, within 1.10x the floor: %.0f vs %.0f us = %.2fx: %s\n",
		    ncpu, d, f, d / f, (d / f <= 1.1 ? "met" : "NOT met")
	if (d > 0 && m > 0)
		printf "- and within 1.10x molly-brown's: %.0f vs %.0f us = %.2fx: %s\n", d, m,
		    d / m, (d / m <= 1.1 ? "met" : "NOT met")
	if (("blanksheetd" in sctot) && ("floor" in sctot))
		printf "  (system calls per static request, strace: blanksheetd %.2f, the floor %.2f)\n",
		    sctot["blanksheetd"], sctot["floor"]
	r = med("resume" SUBSEP "blanksheetd" SUBSEP "16", "cpr")
	k = "resume" SUBSEP "blanksheetd" SUBSEP "16"
	if (a > 0 && r > 0)
		printf "- resumed request at most 0.6x a full one (c=16): %.0f vs %.0f us = %.2fx, %d of %d resumed: %s\n",
		    r, a, r / a, res[k], oks[k],
		    (r / a <= 0.6 && res[k] == oks[k] ? "met" : "NOT met")
	r2 = med("resume12" SUBSEP "blanksheetd" SUBSEP "16", "cpr")
	fr = med("resume" SUBSEP "floor" SUBSEP "16", "cpr")
	fr2 = med("resume12" SUBSEP "floor" SUBSEP "16", "cpr")
	if (a > 0 && r2 > 0 && f > 0 && fr > 0 && fr2 > 0)
		printf "  (TLS 1.2 resumption: %.0f us = %.2fx; the floor: TLS 1.3 %.2fx, TLS 1.2 %.2fx)\n",
		    r2, r2 / a, fr / f, fr2 / f
	if (("base", "total") in cg && ("floor-base", "total") in cg) {
		ct = (cg["static", "total"] - cg["base", "total"]) / cgn
		cf = (cg["floor-static", "total"] - cg["floor-base", "total"]) / cgn
		cr = (cg["resumed", "total"] - cg["base", "total"]) / cgn
		cfr = (cg["floor-resumed", "total"] - cg["floor-base", "total"]) / cgn
		cw = (cg["workshop", "total"] - cg["base", "total"]) / cgn
		printf "  (instructions, callgrind: static %.3fx the floor; resumed %.2fx full, the floor %.2fx; workshop %.2fx static)\n",
		    ct / cf, cr / ct, cfr / cf, cw / ct
	}
	w = med("workshop" SUBSEP "blanksheetd" SUBSEP "16", "cpr")
	if (a > 0 && w > 0)
		printf "- workshop page (200 contributions) at most 1.1x a static page (c=16): %.0f vs %.0f us = %.2fx: %s\n",
		    w, a, w / a, (w / a <= 1.1 ? "met" : "NOT met")
	h = med("html" SUBSEP "blanksheetd" SUBSEP "16", "cpr")
	if (w > 0 && h > 0)
		printf "- the workshop page as HTML over HTTPS at most 1.1x the Gemini page (c=16): %.0f vs %.0f us = %.2fx: %s\n",
		    h, w, h / w, (h / w <= 1.1 ? "met" : "NOT met")
	if (("blanksheetd", "handshake") in idlerss) {
		h = idlepss["blanksheetd", "handshake"] / 1024
		printf "- %d handshaken idle connections in under 180 MB: PSS %.1f MB (RSS sum %.1f MB) with %d held: %s\n",
		    idle_n, h, idlerss["blanksheetd", "handshake"] / 1024,
		    idleheld["blanksheetd", "handshake"],
		    (h < 180 && idleheld["blanksheetd", "handshake"] == idle_n ? \
		    "met" : "NOT met")
	}
	if (("blanksheetd", "silent") in idlerss) {
		s = idlepss["blanksheetd", "silent"] / 1024
		printf "- %d silent connections in under 30 MB: PSS %.1f MB (RSS sum %.1f MB) with %d held: %s\n",
		    idle_n, s, idlerss["blanksheetd", "silent"] / 1024,
		    idleheld["blanksheetd", "silent"],
		    (s < 30 && idleheld["blanksheetd", "silent"] == idle_n ? \
		    "met" : "NOT met")
	}
	for (mi = 1; mi <= 2; mi++) {
		mode = mi == 1 ? "handshake" : "silent"
		if (!(("blanksheetd", mode) in idlerss)) continue
		printf "- every %s connection closed by blanksheetd within its deadline (%d s): %d of %d, the last after %.1f s: %s\n",
		    (mode == "handshake" ? "handshaken" : "silent"), idle_t,
		    idleclosed["blanksheetd", mode], idleopen["blanksheetd", mode],
		    idlemax["blanksheetd", mode] / 1000,
		    (idleclosed["blanksheetd", mode] == idleopen["blanksheetd", mode] &&
		    idlemax["blanksheetd", mode] <= (idle_t + 1) * 1000 ? "met" : "NOT met")
	}
}
