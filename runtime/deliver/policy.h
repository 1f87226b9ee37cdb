/* policy.h — what the sender makes of what it meets, with no state: which
 * endpoints it accepts, which libcurl errors are final, what a Retry-After
 * says (parse_retry_after and status_retryable are declared in sender.h). */
#ifndef ENCHARGE_POLICY_H
#define ENCHARGE_POLICY_H

#include <stdbool.h>
#include <stddef.h>

/* The longest wait a Retry-After can ask for; larger values are clamped to it
 * (ten years: far beyond any retry window, far below any overflow). */
#define RETRY_AFTER_MAX_S 315360000.0

/* Checks an endpoint (a base URL such as https://ingest.encharge.io) with
 * libcurl's URL parser: http or https, a host, a port from 1 to 65535, no
 * query and no fragment (paths are appended to it). Returns 0, or -1 with the
 * reason in err. Call it at start for every configured endpoint. */
int endpoint_check(const char *url, char *err, size_t errlen);

/* Whether a libcurl error (a CURLcode) ended the transfer for good: the same
 * request, as configured here, cannot succeed by being sent again (the table
 * is in policy.c). Every other code is temporary and retried. */
bool curl_error_permanent(int code);

#endif
