/* unit.h — what the C unit tests of lib/ share beside tap.h: a config
 * from YAML text, a scratch folder made and removed, and records read
 * from text written into it.  tests/unit/unit.c is linked into each. */
#ifndef DUN_UNIT_H
#define DUN_UNIT_H

#include <stddef.h>

#include "dun.h"

/* The YAML text merged over the default dun.yaml, named "t.yaml" in its
 * messages.  A config that does not load is a "Bail out!" with its
 * message, and exit 3.  Free it with dun_config_free. */
struct dun_config *unit_config(const char *yaml);

/* Make the scratch folder /tmp/dun-NAME.XXXXXX, removed with all in it
 * when the test exits (unless unit_scratch_remove did it before); its
 * path, owned by unit.c.  One a test: a second call gives the first
 * folder.  A folder that cannot be made is a "Bail out!", and exit 3. */
const char *unit_scratch(const char *name);

/* Remove the scratch folder and all in it now: 0, or -1 (what failed said
 * as a TAP comment).  0 if there is none. */
int unit_scratch_remove(void);

/* The path of file in the scratch folder (made if need be), owned by
 * unit.c and valid until the test exits. */
const char *unit_path(const char *file);

/* Write the text s as file in the scratch folder (made if need be): its
 * path, as unit_path.  A file that cannot be written is a "Bail out!",
 * and exit 3.  unit_putn writes the n bytes at bytes, NULs and all. */
const char *unit_put(const char *file, const char *s);
const char *unit_putn(const char *file, const char *bytes, size_t n);

/* The records of the text s (TSV or CSV, as dun_rec_open tells them
 * apart), written as file in the scratch folder and opened with the
 * default options; close it with dun_rec_close.  Text that does not open
 * is a "Bail out!" with the reader's message, and exit 3. */
struct dun_rec *unit_records(const char *file, const char *s);

/* msg without the scratch folder's path and the "/" after it, where it
 * begins with them; else msg itself. */
const char *unit_local(const char *msg);

#endif
