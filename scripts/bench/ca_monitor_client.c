/* A light libca monitor client for scripts/bench-ca: subscribes to N PVs "bench:tick<i>" and counts updates.
 * Debian's libca-dev ships no headers, so the few libca entry points used are declared here (stable C ABI). */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

typedef void *chid;
typedef void *evid;
struct event_handler_args { void *usr; chid chid; long type; long count; const void *dbr; int status; };
typedef void caEventCallBackFunc(struct event_handler_args);
int ca_context_create(int preemptive_callback_select);
int ca_create_channel(const char *name, void *conn_cb, void *user, unsigned priority, chid *out);
int ca_pend_io(double timeout);
int ca_pend_event(double timeout);
int ca_create_subscription(long type, unsigned long count, chid chan, long mask, caEventCallBackFunc *cb,
                           void *arg, evid *out);

#define DBR_TIME_DOUBLE 20
#define DBE_VALUE 1
#define DBE_ALARM 4
#define ECA_NORMAL 1

static long events;

static void on_event(struct event_handler_args a) { (void)a; events++; }

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 1000;
    double seconds = argc > 2 ? atof(argv[2]) : 10;
    chid *ch = calloc(n, sizeof(chid));
    ca_context_create(0);
    for (int i = 0; i < n; i++) {
        char name[64];
        snprintf(name, sizeof name, "bench:tick%d", i);
        ca_create_channel(name, NULL, NULL, 0, &ch[i]);
    }
    if (ca_pend_io(30.0) != ECA_NORMAL) { fprintf(stderr, "not all channels connected\n"); return 1; }
    for (int i = 0; i < n; i++) ca_create_subscription(DBR_TIME_DOUBLE, 1, ch[i], DBE_VALUE | DBE_ALARM, on_event, NULL, NULL);
    ca_pend_event(2.0);
    events = 0;
    double t0 = now();
    ca_pend_event(seconds);
    printf("%.1f\n", events / (now() - t0));
    return 0;
}
