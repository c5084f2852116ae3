/* A stand-in for the programs cr-ext runs, built for Windows with mingw-w64 for the smoke
 * tests under Wine (scripts/cross/smoke.sh). What it does depends on the name it is started
 * under:
 *   ibmcloud.exe  prints `iam oauth-tokens --output json` with the token in FAKE_TOKEN; with
 *                 FAKE_HANG set it starts a grandchild (itself, argument `grandchild`) and
 *                 waits forever, as a hung CLI with a child of its own would;
 *   anything else a container client: records its arguments and stdin, says Login Succeeded.
 * Every call is appended to %FAKE_LOG%\NAME.log: one argument a line, then `--stdin--` and
 * the bytes read from stdin. */
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void base_name(const char *path, char *out, size_t size) {
    const char *slash = strrchr(path, '\\'), *fwd = strrchr(path, '/');
    const char *start = slash > fwd ? slash : fwd;
    start = start ? start + 1 : path;
    snprintf(out, size, "%s", start);
    char *dot = strrchr(out, '.');
    if (dot && _stricmp(dot, ".exe") == 0) *dot = 0;
}

int main(int argc, char **argv) {
    char name[MAX_PATH];
    base_name(argv[0], name, sizeof name);
    if (argc > 1 && strcmp(argv[1], "grandchild") == 0) {
        Sleep(INFINITE);
        return 0;
    }
    const char *dir = getenv("FAKE_LOG");
    FILE *log = NULL;
    if (dir) {
        char path[MAX_PATH];
        snprintf(path, sizeof path, "%s\\%s.log", dir, name);
        log = fopen(path, "ab");
    }
    for (int i = 1; log && i < argc; i++) fprintf(log, "%s\n", argv[i]);
    if (strcmp(name, "ibmcloud") == 0) {
        if (log) { fprintf(log, "--stdin--\n"); fclose(log); }
        if (getenv("FAKE_HANG")) {
            char self[MAX_PATH], line[MAX_PATH + 16];
            GetModuleFileNameA(NULL, self, sizeof self);
            snprintf(line, sizeof line, "\"%s\" grandchild", self);
            STARTUPINFOA si = {sizeof si};
            PROCESS_INFORMATION pi;
            if (!CreateProcessA(self, line, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi)) return 3;
            Sleep(INFINITE);
        }
        const char *token = getenv("FAKE_TOKEN");
        printf("{\n  \"iam_token\": \"Bearer %s\",\n  \"uaa_token\": \"\"\n}\n", token ? token : "");
        return 0;
    }
    if (log) fprintf(log, "--stdin--\n");
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, stdin)) > 0)
        if (log) fwrite(buf, 1, n, log);
    if (log) fclose(log);
    printf("Login Succeeded\n");
    return 0;
}
