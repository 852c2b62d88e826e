# bench/median.awk — the median seconds and the peak RSS of each tool.
# Reads lines "TOOL SECONDS [PEAK_RSS_KB]"; prints "TOOL MEDIAN PEAK" for
# each tool, in the order they first appear.
{
	if (!(($1) in n))
		order[++tools] = $1
	t[$1, ++n[$1]] = $2
	if ($3 + 0 > peak[$1])
		peak[$1] = $3 + 0
}
function median(k,   i, j, a, x) {
	for (i = 1; i <= n[k]; i++)
		a[i] = t[k, i]
	for (i = 1; i <= n[k]; i++)
		for (j = i + 1; j <= n[k]; j++)
			if (a[j] < a[i]) { x = a[i]; a[i] = a[j]; a[j] = x }
	return a[int((n[k] + 1) / 2)]
}
END {
	for (i = 1; i <= tools; i++)
		print order[i], median(order[i]), peak[order[i]] + 0
}
