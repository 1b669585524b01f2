# bench/callgrind.awk: self cost (instructions, Ir) per object and per
# function from a callgrind.out file, for bench/run.sh.  Prints
#
#	total IR
#	obj OBJECT IR
#	fn IR OBJECT FUNCTION
#
# OBJECT is the file name of the program or shared object.  The format
# (valgrind's callgrind format): "ob=", "fn=" (and "cob=", "cfn=", which
# share their name tables) name what follows, "(N) name" once and "(N)"
# after; a cost line is positions then events; the cost line after
# "calls=" is a call's inclusive cost, not self cost.

function name(s, kind,    id, rest) {
	if (s ~ /^\([0-9]+\)/) {
		id = substr(s, 2, index(s, ")") - 2)
		rest = substr(s, index(s, ")") + 1)
		sub(/^ /, "", rest)
		if (rest != "")
			names[kind, id] = rest
		return names[kind, id]
	}
	return s
}
function base(path) {
	sub(/.*\//, "", path)
	return path == "" ? "?" : path
}
/^ob=/ { ob = base(name(substr($0, 4), "ob")); next }
/^cob=/ { name(substr($0, 5), "ob"); next }
/^fn=/ { fn = name(substr($0, 4), "fn"); next }
/^cfn=/ { name(substr($0, 5), "fn"); next }
/^calls=/ { skip = 1; next }
/^[0-9+*-]/ {
	if (skip) {
		skip = 0
		next
	}
	self[ob] += $NF
	fself[ob, fn] += $NF
	next
}
/^(totals|summary):/ { total = $2 }
END {
	print "total", total
	for (o in self)
		print "obj", o, self[o]
	for (k in fself) {
		split(k, p, SUBSEP)
		print "fn", fself[k], p[1], p[2]
	}
}
