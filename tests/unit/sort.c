/* sort_index: sorted by the comparison, equal ones kept in order. */
#include <stdlib.h>

#include "dun.h"
#include "tap.h"

static int
by_key(const void *ctx, size_t a, size_t b)
{
	const int *key = ctx;

	return (key[a] > key[b]) - (key[a] < key[b]);
}

int
main(void)
{
	int key[200];
	size_t ix[200], n, i, trial;
	int sorted = 1, stable = 1, whole = 1;

	srand(11);
	for (trial = 0; trial < 500; trial++) {
		int seen[200] = { 0 };

		n = (size_t)rand() % 200;
		for (i = 0; i < n; i++) {
			key[i] = rand() % 7;	/* many alike */
			ix[i] = i;
		}
		sort_index(ix, n, by_key, key);
		for (i = 0; i < n; i++)
			seen[ix[i]]++;
		for (i = 0; i < n; i++) {
			whole &= seen[i] == 1;
			if (i > 0 && key[ix[i - 1]] > key[ix[i]])
				sorted = 0;
			if (i > 0 && key[ix[i - 1]] == key[ix[i]] &&
			    ix[i - 1] > ix[i])
				stable = 0;
		}
	}
	ok(whole, "every index once");
	ok(sorted, "in order of the comparison");
	ok(stable, "equal ones in their first order");
	return done_testing();
}
