/*
 * config.c — fuzz the config loader: the input as dun.yaml in a scratch
 * folder, loaded by dun_config_load over the compiled-in default.  A
 * config that loads is written out (dun_config_text), and that text must
 * load again.
 */
#include "fuzz.h"
#include "dun.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dun_config *c, *again;
	struct dun_err err;
	const char *path, *text;

	if ((path = fuzz_file(data, size, "dun.yaml")) == NULL)
		return 0;
	if ((c = dun_config_load(path, &err)) == NULL) {
		if (err.code != DUN_EXIT_USAGE || err.msg[0] == '\0')
			abort();	/* a config's fault is a usage error */
		return 0;
	}
	text = dun_config_text(c);
	if ((again = dun_config_parse(text, strlen(text), "again.yaml", 1,
	    &err)) == NULL) {
		fprintf(stderr, "written back, it does not load: %s\n%s\n",
		    err.msg, text);
		abort();
	}
	dun_config_free(again);
	dun_config_free(c);
	return 0;
}
