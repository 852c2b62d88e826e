# bench/age.awk — FIFO aging in awk, the reference of bench/age.sh.
#
#   mawk -v asof=YYYY-MM-DD -f bench/age.awk payments.tsv charges-by-unit-and-due
#
# Payments (ref unit date amount ...) are summed by unit; charges (unit
# fee period due amount), sorted by unit and due date, are paid oldest
# first from that sum, and what is unpaid and due is put in buckets by
# days since the due date.  Prints unit, balance and the six buckets of
# dun's default config, in fen-exact decimals.
function day(s,   y, m, d, era, yoe, doy) {
	y = substr(s, 1, 4) + 0; m = substr(s, 6, 2) + 0; d = substr(s, 9, 2) + 0
	if (m <= 2) y--
	era = int((y >= 0 ? y : y - 399) / 400)
	yoe = y - era * 400
	doy = int((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1
	return era * 146097 + yoe * 365 + int(yoe / 4) - int(yoe / 100) + doy - 719468
}
function cents(s,   i, f) {
	i = index(s, ".")
	if (i == 0) return s * 100
	f = substr(s, i + 1) "00"
	return substr(s, 1, i - 1) * 100 + substr(f, 1, 2)
}
function money(v) { return sprintf("%d.%02d", int(v / 100), v % 100) }
function flush(   i, s) {
	if (cur != "" && bal > 0) {
		s = cur "\t" money(bal)
		for (i = 0; i < 6; i++) s = s "\t" money(b[i])
		print s
	}
	bal = 0
	for (i = 0; i < 6; i++) b[i] = 0
}
BEGIN { FS = OFS = "\t"; today = day(asof) }
FNR == 1 { next }
FILENAME == ARGV[1] { if ($3 <= asof) paid[$2] += cents($4); next }
$1 != cur { flush(); cur = $1; rem = paid[cur] }
{
	c = cents($5)
	p = rem >= c ? c : rem
	rem -= p
	if (c > p && $4 <= asof) {
		age = today - day($4)
		k = age <= 30 ? 0 : age <= 90 ? 1 : age <= 180 ? 2 : age <= 365 ? 3 : age <= 730 ? 4 : 5
		b[k] += c - p
		bal += c - p
	}
}
END { flush() }
