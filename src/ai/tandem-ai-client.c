/* tandem-ai-client.c
 *
 * Copyright 2026 The Tandem authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * This program is distributed in the hope that it will be useful,
 * but WITHOUT ANY WARRANTY; without even the implied warranty of
 * MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
 * GNU General Public License for more details.
 *
 * You should have received a copy of the GNU General Public License
 * along with this program.  If not, see <http://www.gnu.org/licenses/>.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tandem-ai"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "tandem-ai-client.h"

#define MAX_REDIRECTS   5
#define READ_SIZE       16384
#define ERROR_BODY_MAX  (64 * 1024)

/* ---------------------------------------------------------------------------------- */
/* A proxy resolver that never sends loopback traffic through a proxy.                */

#define TANDEM_TYPE_AI_PROXY_RESOLVER (tandem_ai_proxy_resolver_get_type ())
G_DECLARE_FINAL_TYPE (TandemAiProxyResolver, tandem_ai_proxy_resolver, TANDEM, AI_PROXY_RESOLVER, GObject)

struct _TandemAiProxyResolver
{
  GObject         parent_instance;
  GProxyResolver *inner;
};

static void proxy_resolver_iface_init (GProxyResolverInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TandemAiProxyResolver, tandem_ai_proxy_resolver, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_PROXY_RESOLVER, proxy_resolver_iface_init))

static gboolean
uri_is_loopback (const char *uri)
{
  g_autoptr(GUri) parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);

  return parsed != NULL && tandem_ai_host_is_loopback (g_uri_get_host (parsed));
}

static char **
direct_only (void)
{
  char **result = g_new0 (char *, 2);

  result[0] = g_strdup ("direct://");
  return result;
}

static char **
tandem_ai_proxy_resolver_lookup (GProxyResolver  *resolver,
                                 const char      *uri,
                                 GCancellable    *cancellable,
                                 GError         **error)
{
  TandemAiProxyResolver *self = TANDEM_AI_PROXY_RESOLVER (resolver);

  if (uri_is_loopback (uri))
    return direct_only ();

  return g_proxy_resolver_lookup (self->inner, uri, cancellable, error);
}

static void
tandem_ai_proxy_resolver_lookup_inner_cb (GObject      *object,
                                          GAsyncResult *result,
                                          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char **proxies = g_proxy_resolver_lookup_finish (G_PROXY_RESOLVER (object), result, &error);

  if (proxies == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, proxies, (GDestroyNotify) g_strfreev);
}

static void
tandem_ai_proxy_resolver_lookup_async (GProxyResolver      *resolver,
                                       const char          *uri,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  TandemAiProxyResolver *self = TANDEM_AI_PROXY_RESOLVER (resolver);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, tandem_ai_proxy_resolver_lookup_async);

  if (uri_is_loopback (uri))
    g_task_return_pointer (task, direct_only (), (GDestroyNotify) g_strfreev);
  else
    g_proxy_resolver_lookup_async (self->inner, uri, cancellable,
                                   tandem_ai_proxy_resolver_lookup_inner_cb,
                                   g_steal_pointer (&task));
}

static char **
tandem_ai_proxy_resolver_lookup_finish (GProxyResolver  *resolver,
                                        GAsyncResult    *result,
                                        GError         **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
tandem_ai_proxy_resolver_is_supported (GProxyResolver *resolver)
{
  return TRUE;
}

static void
proxy_resolver_iface_init (GProxyResolverInterface *iface)
{
  iface->is_supported = tandem_ai_proxy_resolver_is_supported;
  iface->lookup = tandem_ai_proxy_resolver_lookup;
  iface->lookup_async = tandem_ai_proxy_resolver_lookup_async;
  iface->lookup_finish = tandem_ai_proxy_resolver_lookup_finish;
}

static void
tandem_ai_proxy_resolver_finalize (GObject *object)
{
  TandemAiProxyResolver *self = TANDEM_AI_PROXY_RESOLVER (object);

  g_clear_object (&self->inner);

  G_OBJECT_CLASS (tandem_ai_proxy_resolver_parent_class)->finalize (object);
}

static void
tandem_ai_proxy_resolver_class_init (TandemAiProxyResolverClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tandem_ai_proxy_resolver_finalize;
}

static void
tandem_ai_proxy_resolver_init (TandemAiProxyResolver *self)
{
}

/**
 * tandem_ai_proxy_resolver_new:
 * @inner: (nullable): the resolver to ask for other hosts; %NULL means the default
 *
 * Returns: (transfer full): a resolver that answers `direct://` for 127.0.0.0/8, ::1
 *   and localhost, and asks @inner for every other host
 */
GProxyResolver *
tandem_ai_proxy_resolver_new (GProxyResolver *inner)
{
  TandemAiProxyResolver *self = g_object_new (TANDEM_TYPE_AI_PROXY_RESOLVER, NULL);

  self->inner = g_object_ref (inner ? inner : g_proxy_resolver_get_default ());
  return G_PROXY_RESOLVER (self);
}

/* ---------------------------------------------------------------------------------- */

struct _TandemAiClient
{
  GObject      parent_instance;

  SoupSession *session;
  guint        first_byte_timeout_ms;
  guint        idle_timeout_ms;
  guint        max_retries;
  guint        retry_base_ms;
};

G_DEFINE_FINAL_TYPE (TandemAiClient, tandem_ai_client, G_TYPE_OBJECT)

/* @host in lower case, without the brackets of an IPv6 literal. */
static char *
normalize_host (const char *host)
{
  g_autofree char *bare = NULL;
  gsize len;

  if (host == NULL)
    return NULL;
  len = strlen (host);
  if (len >= 2 && host[0] == '[' && host[len - 1] == ']')
    bare = g_strndup (host + 1, len - 2);
  else
    bare = g_strdup (host);
  return g_ascii_strdown (bare, -1);
}

/**
 * tandem_ai_host_is_loopback:
 * @host: (nullable): a host name or address
 *
 * Names are compared without regard to case.
 *
 * Returns: %TRUE for localhost, *.localhost, 127.0.0.0/8 and ::1
 */
gboolean
tandem_ai_host_is_loopback (const char *host)
{
  g_autofree char *bare = normalize_host (host);
  g_autoptr(GInetAddress) address = NULL;

  if (bare == NULL || bare[0] == '\0')
    return FALSE;

  if (strcmp (bare, "localhost") == 0 || g_str_has_suffix (bare, ".localhost"))
    return TRUE;

  address = g_inet_address_new_from_string (bare);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/**
 * tandem_ai_host_is_private:
 * @host: (nullable): a host name or address
 *
 * Names are compared without regard to case.
 *
 * Returns: %TRUE for loopback, 10/8, 172.16/12, 192.168/16, fc00::/7 and *.local
 */
gboolean
tandem_ai_host_is_private (const char *host)
{
  g_autofree char *bare = normalize_host (host);
  g_autoptr(GInetAddress) address = NULL;

  if (bare == NULL || bare[0] == '\0')
    return FALSE;

  if (tandem_ai_host_is_loopback (bare))
    return TRUE;

  if (g_str_has_suffix (bare, ".local") || g_str_has_suffix (bare, ".local."))
    return TRUE;

  if ((address = g_inet_address_new_from_string (bare)) == NULL)
    return FALSE;

  if (g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV4)
    {
      const guint8 *b = g_inet_address_to_bytes (address);

      return b[0] == 10 ||
             (b[0] == 172 && (b[1] & 0xF0) == 16) ||
             (b[0] == 192 && b[1] == 168);
    }
  else
    {
      const guint8 *b = g_inet_address_to_bytes (address);

      return (b[0] & 0xFE) == 0xFC;
    }
}

/**
 * tandem_ai_client_parse_retry_after:
 * @headers: response headers
 *
 * Reads `retry-after-ms`, else `retry-after` (seconds, maybe fractional, or an
 * HTTP date).
 *
 * Returns: the wait in milliseconds, -1 when the headers say nothing, or
 *   G_MAXINT64 when the wait is longer than the 120 s we are willing to wait
 */
gint64
tandem_ai_client_parse_retry_after (SoupMessageHeaders *headers)
{
  const char *value;
  gint64 ms = -1;

  g_return_val_if_fail (headers != NULL, -1);

  if ((value = soup_message_headers_get_one (headers, "retry-after-ms")) != NULL)
    {
      char *end = NULL;
      double v = g_ascii_strtod (value, &end);

      if (end != value && v >= 0)
        ms = (gint64) v;
    }

  if (ms < 0 && (value = soup_message_headers_get_one (headers, "retry-after")) != NULL)
    {
      char *end = NULL;
      double v = g_ascii_strtod (value, &end);

      if (end != value && *end == '\0' && v >= 0)
        ms = (gint64) (v * 1000);
      else
        {
          g_autoptr(GDateTime) date = soup_date_time_new_from_http_string (value);

          if (date != NULL)
            {
              g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

              ms = MAX (0, g_date_time_difference (date, now) / 1000);
            }
        }
    }

  if (ms > TANDEM_AI_CLIENT_MAX_RETRY_AFTER_MS)
    return G_MAXINT64;
  return ms;
}

static char *
display_host (GUri *uri)
{
  if (g_uri_get_port (uri) > 0)
    return g_strdup_printf ("%s:%d", g_uri_get_host (uri), g_uri_get_port (uri));
  return g_strdup (g_uri_get_host (uri));
}

/* Refuses plain http to public hosts, where a key or a prompt could be read. */
static gboolean
check_uri_allowed (GUri    *uri,
                   GError **error)
{
  g_autofree char *host = display_host (uri);

  if (g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0)
    return TRUE;

  if (g_ascii_strcasecmp (g_uri_get_scheme (uri), "http") == 0 &&
      tandem_ai_host_is_private (g_uri_get_host (uri)))
    return TRUE;

  g_set_error (error, TANDEM_AI_ERROR, TANDEM_AI_ERROR_INSECURE,
               _("Tandem does not send requests to %s over plain http, where others could read them. "
                 "Use an https:// address; plain http is only allowed for this computer and private networks."),
               host);
  return FALSE;
}

static gboolean
host_matches_key (GUri       *uri,
                  const char *key_host)
{
  g_autofree char *a = normalize_host (g_uri_get_host (uri));
  g_autofree char *b = normalize_host (key_host);

  return a != NULL && b != NULL && g_ascii_strcasecmp (a, b) == 0;
}

static gboolean
is_auth_header (const char *name)
{
  return g_ascii_strcasecmp (name, "Authorization") == 0 ||
         g_ascii_strcasecmp (name, "x-api-key") == 0 ||
         g_ascii_strcasecmp (name, "x-goog-api-key") == 0 ||
         g_ascii_strcasecmp (name, "Cookie") == 0;
}

static void
copy_header (const char *name,
             const char *value,
             gpointer    user_data)
{
  SoupMessageHeaders *to = user_data;

  if (!is_auth_header (name) && g_ascii_strcasecmp (name, "Content-Length") != 0 &&
      g_ascii_strcasecmp (name, "Content-Type") != 0 && g_ascii_strcasecmp (name, "Host") != 0)
    soup_message_headers_append (to, name, value);
}

/* A fresh message for @uri with the template's method, headers and body. The key is
 * added only when @uri's host is the one it was saved for. */
static SoupMessage *
prepare_message (TandemAiProvider  *provider,
                 SoupMessage       *template,
                 GUri              *uri,
                 GError           **error)
{
  SoupMessage *message;
  GBytes *body;

  g_assert (TANDEM_IS_AI_PROVIDER (provider));
  g_assert (SOUP_IS_MESSAGE (template));
  g_assert (uri != NULL);

  if (!check_uri_allowed (uri, error))
    return NULL;

  message = soup_message_new_from_uri (soup_message_get_method (template), uri);
  soup_message_headers_foreach (soup_message_get_request_headers (template), copy_header,
                                soup_message_get_request_headers (message));
  if ((body = tandem_ai_provider_get_body (template)) != NULL)
    soup_message_set_request_body_from_bytes (message, "application/json", body);
  soup_message_add_flags (message, SOUP_MESSAGE_NO_REDIRECT);

  if (host_matches_key (uri, tandem_ai_provider_get_key_host (provider)))
    tandem_ai_provider_add_auth_headers (provider, message, tandem_ai_provider_get_api_key (provider));

  return message;
}

/* Returns the next URI when @message is a redirect. */
static GUri *
redirect_target (SoupMessage *message)
{
  guint status = soup_message_get_status (message);
  const char *location;

  if (status != 301 && status != 302 && status != 303 && status != 307 && status != 308)
    return NULL;

  location = soup_message_headers_get_one (soup_message_get_response_headers (message), "Location");
  if (location == NULL)
    return NULL;

  return g_uri_parse_relative (soup_message_get_uri (message), location, SOUP_HTTP_URI_FLAGS, NULL);
}

/* Response bodies are not nul-terminated. */
static JsonNode *
parse_json_bytes (GBytes *bytes)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  gsize len = 0;
  const char *data = g_bytes_get_data (bytes, &len);

  if (data == NULL || len == 0 || !json_parser_load_from_data (parser, data, len, NULL))
    return NULL;

  return json_parser_steal_root (parser);
}

static TandemAiErrorKind
kind_for_status (guint status)
{
  if (status == 401 || status == 403)
    return TANDEM_AI_ERROR_AUTH;
  if (status == 404)
    return TANDEM_AI_ERROR_NOT_FOUND;
  if (status == 402)
    return TANDEM_AI_ERROR_QUOTA;
  if (status == 429)
    return TANDEM_AI_ERROR_RATE_LIMIT;
  if (status >= 500)
    return TANDEM_AI_ERROR_SERVER;
  if (status == 400 || status == 413 || status == 422)
    return TANDEM_AI_ERROR_BAD_REQUEST;
  return TANDEM_AI_ERROR_FAILED;
}

static gboolean
is_quota_error (const char *type,
                const char *message)
{
  g_autofree char *t = type ? g_ascii_strdown (type, -1) : NULL;
  g_autofree char *m = message ? g_ascii_strdown (message, -1) : NULL;

  return (t && (strstr (t, "quota") || strstr (t, "billing"))) ||
         (m && (strstr (m, "quota") || strstr (m, "billing") || strstr (m, "credit balance")));
}

static char *
message_for_status (TandemAiProvider *provider,
                    GUri             *uri,
                    guint             status,
                    TandemAiErrorKind kind,
                    const char       *model,
                    const char       *server_message)
{
  g_autofree char *host = display_host (uri);
  g_autofree char *detail = NULL;
  const char *key = tandem_ai_provider_get_api_key (provider);

  if (server_message != NULL && *server_message)
    detail = g_strdup_printf (_(" The server said: “%s”"), server_message);

  switch (kind)
    {
    case TANDEM_AI_ERROR_AUTH:
      if (key == NULL)
        return g_strdup_printf (_("%s needs an API key. Add one in Preferences → AI.%s"),
                                host, detail ? detail : "");
      return g_strdup_printf (_("%s refused the API key (error %u). Check the key in Preferences → AI.%s"),
                              host, status, detail ? detail : "");
    case TANDEM_AI_ERROR_NOT_FOUND:
      if (model != NULL)
        return g_strdup_printf (_("The model “%s” was not found at %s. Choose another model.%s"),
                                model, host, detail ? detail : "");
      return g_strdup_printf (_("%s does not know this address (error 404). Check the endpoint address.%s"),
                              host, detail ? detail : "");
    case TANDEM_AI_ERROR_QUOTA:
      return g_strdup_printf (_("Your quota at %s is used up. Check your plan and billing.%s"),
                              host, detail ? detail : "");
    case TANDEM_AI_ERROR_RATE_LIMIT:
      return g_strdup_printf (_("%s is receiving too many requests. Wait a moment and try again.%s"),
                              host, detail ? detail : "");
    case TANDEM_AI_ERROR_SERVER:
      return g_strdup_printf (_("The server at %s had a problem (error %u). Try again later.%s"),
                              host, status, detail ? detail : "");
    case TANDEM_AI_ERROR_BAD_REQUEST:
      return g_strdup_printf (_("%s rejected the request (error %u).%s"),
                              host, status, detail ? detail : "");
    case TANDEM_AI_ERROR_FAILED:
    case TANDEM_AI_ERROR_CONNECTION_REFUSED:
    case TANDEM_AI_ERROR_CONNECTION:
    case TANDEM_AI_ERROR_TLS:
    case TANDEM_AI_ERROR_TIMEOUT_FIRST_BYTE:
    case TANDEM_AI_ERROR_TIMEOUT_IDLE:
    case TANDEM_AI_ERROR_CUT:
    case TANDEM_AI_ERROR_MALFORMED:
    case TANDEM_AI_ERROR_STREAM:
    case TANDEM_AI_ERROR_INSECURE:
    default:
      return g_strdup_printf (_("%s answered with error %u.%s"), host, status, detail ? detail : "");
    }
}

/* Why the server's certificate was refused, in words, from what TLS reported. */
static GError *
certificate_error (const char           *host,
                   GTlsCertificateFlags  flags)
{
  const char *why;

  if (flags & G_TLS_CERTIFICATE_UNKNOWN_CA)
    why = _("it is self-signed or comes from an authority this computer does not know. "
            "If this is your own server, add its certificate to the system’s trusted certificates");
  else if (flags & G_TLS_CERTIFICATE_BAD_IDENTITY)
    why = _("it was made for another name. Check the address in Preferences → AI");
  else if (flags & G_TLS_CERTIFICATE_EXPIRED)
    why = _("it has expired. The server’s owner must renew it");
  else if (flags & G_TLS_CERTIFICATE_NOT_ACTIVATED)
    why = _("it is not valid yet. Check this computer’s date and time");
  else if (flags & G_TLS_CERTIFICATE_REVOKED)
    why = _("it was revoked");
  else
    why = _("check the address in Preferences → AI, or the server’s certificate");

  /* Translators: the first %s is a host, the second one of the reasons above */
  return g_error_new (TANDEM_AI_ERROR, TANDEM_AI_ERROR_TLS,
                      _("The certificate of %s is not trusted, so nothing was sent: %s."), host, why);
}

/* Turns a GIO or TLS error from connecting or reading @message into our words. */
static GError *
map_io_error (GUri         *uri,
              SoupMessage  *message,
              const GError *error,
              gboolean      while_reading)
{
  g_autofree char *host = display_host (uri);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    {
      if (tandem_ai_host_is_loopback (g_uri_get_host (uri)))
        return g_error_new (TANDEM_AI_ERROR, TANDEM_AI_ERROR_CONNECTION_REFUSED,
                            _("The server is not running at %s. Start it, or check the address in Preferences → AI."),
                            host);
      return g_error_new (TANDEM_AI_ERROR, TANDEM_AI_ERROR_CONNECTION_REFUSED,
                          _("%s refused the connection. Check the address, or try again later."), host);
    }

  if (g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE))
    return certificate_error (host, message ? soup_message_get_tls_peer_certificate_errors (message) : 0);

  /* A local server that speaks plain http answers a TLS hello with an http error, which
   * TLS reports as not TLS or as an unexpected packet. */
  if (error->domain == G_TLS_ERROR &&
      (tandem_ai_host_is_loopback (g_uri_get_host (uri)) || tandem_ai_host_is_private (g_uri_get_host (uri))))
    return g_error_new (TANDEM_AI_ERROR, TANDEM_AI_ERROR_TLS,
                        _("The secure (https) connection to %s could not be made (%s). If it is a "
                          "local server that only speaks plain http, use an http:// address."),
                        host, error->message);

  if (error->domain == G_TLS_ERROR)
    return g_error_new (TANDEM_AI_ERROR, TANDEM_AI_ERROR_TLS,
                        _("The secure connection to %s could not be made: %s"), host, error->message);

  if (error->domain == G_RESOLVER_ERROR)
    return g_error_new (TANDEM_AI_ERROR, TANDEM_AI_ERROR_CONNECTION,
                        _("%s could not be found. Check the address and your network connection."), host);

  if (while_reading)
    return g_error_new (TANDEM_AI_ERROR, TANDEM_AI_ERROR_CUT,
                        _("The connection to %s was lost before the answer was complete."), host);

  return g_error_new (TANDEM_AI_ERROR, TANDEM_AI_ERROR_CONNECTION,
                      _("Could not connect to %s: %s"), host, error->message);
}

/* ---------------------------------------------------------------------------------- */
/* Streaming a chat turn.                                                            */

typedef enum
{
  TIMEOUT_NONE,
  TIMEOUT_FIRST_BYTE,
  TIMEOUT_IDLE,
} TimeoutKind;

typedef struct
{
  TandemAiProvider  *provider;
  SoupMessage       *template;
  SoupMessage       *message;
  GUri              *uri;
  GInputStream      *stream;
  TandemAiDecoder   *decoder;
  GCancellable      *cancellable;      /* the caller's, may be NULL */
  GCancellable      *attempt_cancellable;
  char              *model;
  TandemAiEventFunc  event_func;
  gpointer           event_data;
  GDestroyNotify     event_destroy;
  gulong             cancelled_id;
  guint              timeout_id;
  guint              retry_id;
  guint              retries;
  guint              redirects;
  TimeoutKind        timed_out;
  guint              delivered : 1;
  guint              got_first_byte : 1;
} StreamState;

static void stream_start_attempt (GTask *task);

static void
stream_state_free (gpointer data)
{
  StreamState *state = data;

  if (state->cancelled_id != 0)
    g_cancellable_disconnect (state->cancellable, state->cancelled_id);
  g_clear_handle_id (&state->timeout_id, g_source_remove);
  g_clear_handle_id (&state->retry_id, g_source_remove);
  if (state->stream != NULL && !g_input_stream_is_closed (state->stream))
    g_input_stream_close_async (state->stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
  g_clear_object (&state->stream);
  g_clear_object (&state->provider);
  g_clear_object (&state->template);
  g_clear_object (&state->message);
  g_clear_pointer (&state->uri, g_uri_unref);
  g_clear_pointer (&state->decoder, tandem_ai_decoder_free);
  g_clear_object (&state->cancellable);
  g_clear_object (&state->attempt_cancellable);
  g_free (state->model);
  if (state->event_destroy != NULL)
    state->event_destroy (state->event_data);
  g_free (state);
}

static void
stream_emit (StreamState   *state,
             TandemAiEvent *event)
{
  g_assert (state != NULL);
  g_assert (event != NULL);

  switch (event->kind)
    {
    case TANDEM_AI_EVENT_TEXT_DELTA:
    case TANDEM_AI_EVENT_REASONING_DELTA:
    case TANDEM_AI_EVENT_TOOL_CALL_START:
    case TANDEM_AI_EVENT_TOOL_CALL_ARGS_DELTA:
    case TANDEM_AI_EVENT_TOOL_CALL_END:
      state->delivered = TRUE;
      break;
    case TANDEM_AI_EVENT_MESSAGE_START:
    case TANDEM_AI_EVENT_USAGE:
    case TANDEM_AI_EVENT_FINISH:
    case TANDEM_AI_EVENT_ERROR:
    case TANDEM_AI_EVENT_RETRY:
    default:
      break;
    }

  if (state->event_func != NULL)
    state->event_func (event, state->event_data);
}

static void
stream_stop_timer (StreamState *state)
{
  g_clear_handle_id (&state->timeout_id, g_source_remove);
}

/* Ends the turn with @error (taken), shown as an ERROR event unless cancelled. */
static void
stream_fail (GTask   *task,
             GError  *error,
             guint    http_status,
             gboolean emit)
{
  StreamState *state = g_task_get_task_data (task);

  stream_stop_timer (state);

  if (emit && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autoptr(TandemAiEvent) event =
        tandem_ai_event_new_error (http_status,
                                   error->domain == TANDEM_AI_ERROR ? error->code : TANDEM_AI_ERROR_FAILED,
                                   error->message, -1);

      stream_emit (state, event);
    }

  g_task_return_error (task, error);
}

static gboolean
stream_timeout_cb (gpointer user_data)
{
  GTask *task = user_data;
  StreamState *state = g_task_get_task_data (task);

  state->timeout_id = 0;
  state->timed_out = state->got_first_byte ? TIMEOUT_IDLE : TIMEOUT_FIRST_BYTE;
  g_cancellable_cancel (state->attempt_cancellable);
  return G_SOURCE_REMOVE;
}

static void
stream_arm_timer (GTask *task)
{
  StreamState *state = g_task_get_task_data (task);
  TandemAiClient *self = g_task_get_source_object (task);
  guint ms = state->got_first_byte ? self->idle_timeout_ms : self->first_byte_timeout_ms;

  stream_stop_timer (state);
  if (ms > 0)
    state->timeout_id = g_timeout_add (ms, stream_timeout_cb, task);
}

/* The error for a cancelled operation: the user's Stop, or one of our timeouts. */
static GError *
stream_cancelled_error (GTask *task)
{
  StreamState *state = g_task_get_task_data (task);
  TandemAiClient *self = g_task_get_source_object (task);
  g_autofree char *host = display_host (state->uri);

  if (state->timed_out == TIMEOUT_FIRST_BYTE)
    return g_error_new (TANDEM_AI_ERROR, TANDEM_AI_ERROR_TIMEOUT_FIRST_BYTE,
                        _("%s did not answer within %u seconds. The model may still be loading; try again."),
                        host, MAX (1, self->first_byte_timeout_ms / 1000));
  if (state->timed_out == TIMEOUT_IDLE)
    return g_error_new (TANDEM_AI_ERROR, TANDEM_AI_ERROR_TIMEOUT_IDLE,
                        _("The answer from %s stopped for %u seconds. The partial answer was kept."),
                        host, MAX (1, self->idle_timeout_ms / 1000));
  return g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Stopped"));
}

static void stream_read_next (GTask *task);

static void
stream_read_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  StreamState *state = g_task_get_task_data (task);
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) tandem_ai_event_unref);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  TandemAiEvent *last_error = NULL;
  gboolean ok;

  bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);

  if (bytes == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        stream_fail (task, stream_cancelled_error (task), 0, TRUE);
      else
        stream_fail (task, map_io_error (state->uri, state->message, error, TRUE), 0, TRUE);
      return;
    }

  if (g_cancellable_is_cancelled (state->attempt_cancellable))
    {
      stream_fail (task, stream_cancelled_error (task), 0, TRUE);
      return;
    }

  if (g_bytes_get_size (bytes) == 0)
    {
      stream_stop_timer (state);
      state->decoder->finish (state->decoder, events);
      ok = TRUE;
    }
  else
    {
      state->got_first_byte = TRUE;
      stream_arm_timer (task);
      ok = state->decoder->feed (state->decoder, g_bytes_get_data (bytes, NULL),
                                 g_bytes_get_size (bytes), events);
    }

  for (guint i = 0; i < events->len; i++)
    {
      TandemAiEvent *event = g_ptr_array_index (events, i);

      stream_emit (state, event);
      if (event->kind == TANDEM_AI_EVENT_ERROR)
        {
          last_error = event;
          break;
        }
    }

  if (last_error != NULL)
    {
      stream_fail (task,
                   g_error_new_literal (TANDEM_AI_ERROR, last_error->error_kind, last_error->text),
                   0, FALSE);
      return;
    }

  if (!ok)
    {
      stream_fail (task, g_error_new_literal (TANDEM_AI_ERROR, TANDEM_AI_ERROR_MALFORMED,
                                              _("The answer could not be read")), 0, TRUE);
      return;
    }

  if (g_bytes_get_size (bytes) == 0)
    {
      g_input_stream_close_async (state->stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
      g_task_return_boolean (task, TRUE);
      return;
    }

  stream_read_next (g_steal_pointer (&task));
}

static void
stream_read_next (GTask *task)
{
  StreamState *state = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (state->stream, READ_SIZE, G_PRIORITY_DEFAULT,
                                   state->attempt_cancellable, stream_read_cb, task);
}

static gboolean
stream_retry_cb (gpointer user_data)
{
  GTask *task = user_data;
  StreamState *state = g_task_get_task_data (task);

  state->retry_id = 0;
  stream_start_attempt (g_object_ref (task));
  return G_SOURCE_REMOVE;
}

static gint64
backoff_ms (TandemAiClient *self,
            guint           retries)
{
  gint64 delay = (gint64) self->retry_base_ms << MIN (retries, 10);

  delay = MIN (delay, TANDEM_AI_CLIENT_MAX_RETRY_DELAY_MS);
  return (gint64) (delay * g_random_double_range (0.75, 1.0));
}

static void
stream_http_error (GTask  *task,
                   GBytes *body)
{
  StreamState *state = g_task_get_task_data (task);
  TandemAiClient *self = g_task_get_source_object (task);
  SoupMessageHeaders *headers = soup_message_get_response_headers (state->message);
  guint status = soup_message_get_status (state->message);
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *server_message = NULL;
  g_autofree char *server_type = NULL;
  g_autofree char *text = NULL;
  TandemAiErrorKind kind = kind_for_status (status);
  const char *should_retry_header;
  gboolean should_retry;
  gint64 delay = tandem_ai_client_parse_retry_after (headers);

  if (body != NULL && g_bytes_get_size (body) > 0)
    {
      root = parse_json_bytes (body);
      server_message = tandem_ai_json_dup_error_message (root, &server_type);
    }

  if (status == 429 && is_quota_error (server_type, server_message))
    kind = TANDEM_AI_ERROR_QUOTA;

  should_retry = tandem_ai_error_status_is_retryable (status) && kind != TANDEM_AI_ERROR_QUOTA;
  if ((should_retry_header = soup_message_headers_get_one (headers, "x-should-retry")) != NULL)
    {
      if (g_ascii_strcasecmp (should_retry_header, "true") == 0)
        should_retry = TRUE;
      else if (g_ascii_strcasecmp (should_retry_header, "false") == 0)
        should_retry = FALSE;
    }

  if (should_retry && !state->delivered && state->retries < self->max_retries &&
      delay != G_MAXINT64)
    {
      g_autoptr(TandemAiEvent) event = NULL;

      if (delay < 0)
        delay = backoff_ms (self, state->retries);
      state->retries++;
      g_debug ("Retrying after HTTP %u in %" G_GINT64_FORMAT " ms (attempt %u)",
               status, delay, state->retries);

      event = tandem_ai_event_new_retry (state->retries, delay, status);
      stream_emit (state, event);
      state->retry_id = g_timeout_add_full (G_PRIORITY_DEFAULT, (guint) delay, stream_retry_cb,
                                            g_object_ref (task), g_object_unref);
      return;
    }

  text = message_for_status (state->provider, state->uri, status, kind, state->model, server_message);

  {
    g_autoptr(TandemAiEvent) event =
      tandem_ai_event_new_error (status, kind, text,
                                 delay >= 0 && delay != G_MAXINT64 ? delay : -1);

    stream_emit (state, event);
  }
  stream_fail (task, g_error_new_literal (TANDEM_AI_ERROR, kind, text), status, FALSE);
}

static void
stream_error_body_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  StreamState *state = g_task_get_task_data (task);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  body = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  g_input_stream_close_async (G_INPUT_STREAM (object), G_PRIORITY_DEFAULT, NULL, NULL, NULL);
  g_clear_object (&state->stream);

  if (g_cancellable_is_cancelled (state->attempt_cancellable))
    {
      stream_fail (task, stream_cancelled_error (task), 0, TRUE);
      return;
    }

  stream_stop_timer (state);
  stream_http_error (task, body);
}

static gboolean
content_type_is (SoupMessage *message,
                 const char  *prefix)
{
  const char *type = soup_message_headers_get_content_type (soup_message_get_response_headers (message), NULL);

  return type != NULL && g_ascii_strncasecmp (type, prefix, strlen (prefix)) == 0;
}

static void
stream_send_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  StreamState *state = g_task_get_task_data (task);
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) next = NULL;
  guint status;

  stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);

  if (stream == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        stream_fail (task, stream_cancelled_error (task), 0, TRUE);
      else
        stream_fail (task, map_io_error (state->uri, state->message, error, FALSE), 0, TRUE);
      return;
    }

  status = soup_message_get_status (state->message);

  if ((next = redirect_target (state->message)) != NULL)
    {
      g_input_stream_close_async (stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
      if (++state->redirects > MAX_REDIRECTS)
        {
          stream_fail (task, g_error_new_literal (TANDEM_AI_ERROR, TANDEM_AI_ERROR_FAILED,
                                                  _("The server redirected too many times")), status, TRUE);
          return;
        }
      g_clear_pointer (&state->uri, g_uri_unref);
      state->uri = g_steal_pointer (&next);
      stream_start_attempt (g_steal_pointer (&task));
      return;
    }

  state->stream = g_steal_pointer (&stream);

  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_input_stream_read_bytes_async (state->stream, ERROR_BODY_MAX, G_PRIORITY_DEFAULT,
                                       state->attempt_cancellable, stream_error_body_cb,
                                       g_steal_pointer (&task));
      return;
    }

  /* A proxy's or captive portal's web page is not an AI stream. */
  if (content_type_is (state->message, "text/html"))
    {
      g_autofree char *host = display_host (state->uri);

      stream_fail (task, g_error_new (TANDEM_AI_ERROR, TANDEM_AI_ERROR_MALFORMED,
                                      _("%s answered with a web page instead of an AI answer. "
                                        "Check the endpoint address."), host),
                   status, TRUE);
      return;
    }

  g_clear_pointer (&state->decoder, tandem_ai_decoder_free);
  state->decoder = tandem_ai_provider_new_decoder (state->provider);
  stream_read_next (g_steal_pointer (&task));
}

static void
stream_start_attempt (GTask *task)
{
  StreamState *state = g_task_get_task_data (task);
  TandemAiClient *self = g_task_get_source_object (task);
  GError *error = NULL;

  g_clear_object (&state->message);
  g_clear_object (&state->stream);
  g_clear_object (&state->attempt_cancellable);
  state->attempt_cancellable = g_cancellable_new ();
  state->timed_out = TIMEOUT_NONE;
  state->got_first_byte = FALSE;

  if (g_cancellable_is_cancelled (state->cancellable))
    {
      stream_fail (task, stream_cancelled_error (task), 0, FALSE);
      g_object_unref (task);
      return;
    }

  if (!(state->message = prepare_message (state->provider, state->template, state->uri, &error)))
    {
      stream_fail (task, error, 0, TRUE);
      g_object_unref (task);
      return;
    }

  stream_arm_timer (task);
  soup_session_send_async (self->session, state->message, G_PRIORITY_DEFAULT,
                           state->attempt_cancellable, stream_send_cb, task);
}

static gboolean
stream_cancel_idle_cb (gpointer user_data)
{
  GTask *task = user_data;

  if (!g_task_get_completed (task))
    stream_fail (task, stream_cancelled_error (task), 0, FALSE);
  return G_SOURCE_REMOVE;
}

static void
stream_cancelled_cb (GCancellable *cancellable,
                     GTask        *task)
{
  StreamState *state = g_task_get_task_data (task);

  /* Stop at once: cancelling the attempt closes the connection. */
  g_cancellable_cancel (state->attempt_cancellable);

  if (state->retry_id != 0)
    {
      g_idle_add_full (G_PRIORITY_DEFAULT, stream_cancel_idle_cb, g_object_ref (task), g_object_unref);
      g_clear_handle_id (&state->retry_id, g_source_remove);
    }
}

/**
 * tandem_ai_client_stream_chat_async:
 * @self: a #TandemAiClient
 * @provider: the provider to ask
 * @request: the turn
 * @event_func: (scope notified): called with each event, on the main context
 * @event_data: data for @event_func
 * @event_destroy: (nullable): frees @event_data when the turn is over
 * @cancellable: (nullable): cancel to stop the answer; the connection is closed at once
 * @callback: called when the turn is over
 * @user_data: data for @callback
 *
 * Streams one answer. Failures are given as an ERROR event and by
 * tandem_ai_client_stream_chat_finish(); statuses worth retrying are retried (with
 * RETRY events) as long as nothing of the answer was delivered.
 */
void
tandem_ai_client_stream_chat_async (TandemAiClient            *self,
                                    TandemAiProvider          *provider,
                                    const TandemAiChatRequest *request,
                                    TandemAiEventFunc          event_func,
                                    gpointer                   event_data,
                                    GDestroyNotify             event_destroy,
                                    GCancellable              *cancellable,
                                    GAsyncReadyCallback        callback,
                                    gpointer                   user_data)
{
  g_autoptr(GTask) task = NULL;
  StreamState *state;
  GError *error = NULL;

  g_return_if_fail (TANDEM_IS_AI_CLIENT (self));
  g_return_if_fail (TANDEM_IS_AI_PROVIDER (provider));
  g_return_if_fail (request != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tandem_ai_client_stream_chat_async);
  g_task_set_check_cancellable (task, FALSE);

  state = g_new0 (StreamState, 1);
  state->provider = g_object_ref (provider);
  state->model = g_strdup (request->model);
  state->event_func = event_func;
  state->event_data = event_data;
  state->event_destroy = event_destroy;
  state->cancellable = cancellable ? g_object_ref (cancellable) : NULL;
  g_task_set_task_data (task, state, stream_state_free);

  if (!(state->template = tandem_ai_provider_build_chat_message (provider, request, &error)))
    {
      state->uri = g_uri_parse ("http://invalid/", G_URI_FLAGS_NONE, NULL);
      stream_fail (task, error, 0, TRUE);
      return;
    }
  state->uri = g_uri_ref (soup_message_get_uri (state->template));

  if (cancellable != NULL)
    state->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (stream_cancelled_cb), task, NULL);

  stream_start_attempt (g_steal_pointer (&task));
}

/**
 * tandem_ai_client_stream_chat_finish:
 * @self: a #TandemAiClient
 * @result: the result
 * @error: a location for a #GError: %G_IO_ERROR_CANCELLED after Stop, else in
 *   %TANDEM_AI_ERROR with a message for the user
 *
 * Returns: %TRUE when the answer was complete
 */
gboolean
tandem_ai_client_stream_chat_finish (TandemAiClient  *self,
                                     GAsyncResult    *result,
                                     GError         **error)
{
  g_return_val_if_fail (TANDEM_IS_AI_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---------------------------------------------------------------------------------- */
/* Small requests: model list, model details, connection test.                        */

typedef struct
{
  TandemAiProvider *provider;
  SoupMessage      *template;
  SoupMessage      *message;
  GUri             *uri;
  char             *model;
  guint             redirects;
} SimpleState;

static void
simple_state_free (gpointer data)
{
  SimpleState *state = data;

  g_clear_object (&state->provider);
  g_clear_object (&state->template);
  g_clear_object (&state->message);
  g_clear_pointer (&state->uri, g_uri_unref);
  g_free (state->model);
  g_free (state);
}

static void simple_send (GTask *task);

static void
simple_send_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SimpleState *state = g_task_get_task_data (task);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) next = NULL;
  g_autoptr(JsonNode) root = NULL;
  guint status;

  if (!(body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error)))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_error (task, map_io_error (state->uri, state->message, error, FALSE));
      return;
    }

  status = soup_message_get_status (state->message);
  if ((next = redirect_target (state->message)) != NULL)
    {
      if (++state->redirects > MAX_REDIRECTS)
        {
          g_task_return_new_error (task, TANDEM_AI_ERROR, TANDEM_AI_ERROR_FAILED,
                                   _("The server redirected too many times"));
          return;
        }
      g_clear_pointer (&state->uri, g_uri_unref);
      state->uri = g_steal_pointer (&next);
      simple_send (g_steal_pointer (&task));
      return;
    }

  root = parse_json_bytes (body);

  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_autofree char *server_type = NULL;
      g_autofree char *server_message = tandem_ai_json_dup_error_message (root, &server_type);
      TandemAiErrorKind kind = kind_for_status (status);
      g_autofree char *text = NULL;

      if (status == 429 && is_quota_error (server_type, server_message))
        kind = TANDEM_AI_ERROR_QUOTA;
      text = message_for_status (state->provider, state->uri, status, kind, state->model, server_message);
      g_task_return_error (task, g_error_new_literal (TANDEM_AI_ERROR, kind, text));
      return;
    }

  if (root == NULL)
    {
      g_autofree char *host = display_host (state->uri);

      g_task_return_new_error (task, TANDEM_AI_ERROR, TANDEM_AI_ERROR_MALFORMED,
                               _("%s did not answer with JSON. Check the endpoint address and its kind."),
                               host);
      return;
    }

  g_task_return_pointer (task, json_node_ref (root), (GDestroyNotify) json_node_unref);
}

static void
simple_send (GTask *task)
{
  SimpleState *state = g_task_get_task_data (task);
  TandemAiClient *self = g_task_get_source_object (task);
  GError *error = NULL;

  g_clear_object (&state->message);
  if (!(state->message = prepare_message (state->provider, state->template, state->uri, &error)))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  soup_session_send_and_read_async (self->session, state->message, G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (task), simple_send_cb, task);
}

/* Sends @template (taken) and returns the parsed JSON body through @task. */
static void
simple_request (TandemAiClient      *self,
                TandemAiProvider    *provider,
                SoupMessage         *template,
                const char          *model,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  SimpleState *state = g_new0 (SimpleState, 1);

  g_task_set_source_tag (task, simple_request);
  state->provider = g_object_ref (provider);
  state->template = template;
  state->uri = g_uri_ref (soup_message_get_uri (template));
  state->model = g_strdup (model);
  g_task_set_task_data (task, state, simple_state_free);
  simple_send (task);
}

/* A model list in pages is followed this far at most. */
#define MAX_MODEL_PAGES 50

typedef struct
{
  TandemAiProvider *provider;
  GPtrArray        *models;
  guint             pages;
} ListState;

static void
list_state_free (gpointer data)
{
  ListState *state = data;

  g_clear_object (&state->provider);
  g_clear_pointer (&state->models, g_ptr_array_unref);
  g_free (state);
}

static void
list_models_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ListState *state = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) page = NULL;
  SoupMessage *next;
  GError *error = NULL;

  if (!(root = g_task_propagate_pointer (G_TASK (result), &error)) ||
      !(page = tandem_ai_provider_parse_models (state->provider, root, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  g_ptr_array_extend_and_steal (state->models, g_steal_pointer (&page));
  state->pages++;

  next = tandem_ai_provider_build_next_models_message (state->provider, root, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (next != NULL && state->pages < MAX_MODEL_PAGES)
    {
      TandemAiClient *self = g_task_get_source_object (task);
      GCancellable *cancellable = g_task_get_cancellable (task);

      simple_request (self, state->provider, next, NULL, cancellable, list_models_cb, g_steal_pointer (&task));
      return;
    }

  g_clear_object (&next);
  g_task_return_pointer (task, g_steal_pointer (&state->models), (GDestroyNotify) g_ptr_array_unref);
}

/**
 * tandem_ai_client_list_models_async:
 * @self: a #TandemAiClient
 * @provider: the provider to ask
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Lists the endpoint's models (/v1/models or /api/tags), following a list that comes
 * in pages (Anthropic) to its end.
 */
void
tandem_ai_client_list_models_async (TandemAiClient      *self,
                                    TandemAiProvider    *provider,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SoupMessage *message;
  GError *error = NULL;
  ListState *state;

  g_return_if_fail (TANDEM_IS_AI_CLIENT (self));
  g_return_if_fail (TANDEM_IS_AI_PROVIDER (provider));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tandem_ai_client_list_models_async);
  state = g_new0 (ListState, 1);
  state->provider = g_object_ref (provider);
  state->models = g_ptr_array_new_with_free_func ((GDestroyNotify) tandem_ai_model_info_free);
  g_task_set_task_data (task, state, list_state_free);

  if (!(message = tandem_ai_provider_build_models_message (provider, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  simple_request (self, provider, message, NULL, cancellable, list_models_cb, g_steal_pointer (&task));
}

/**
 * tandem_ai_client_list_models_finish:
 * @self: a #TandemAiClient
 * @result: the result
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (element-type TandemAiModelInfo): the models, or %NULL
 */
GPtrArray *
tandem_ai_client_list_models_finish (TandemAiClient  *self,
                                     GAsyncResult    *result,
                                     GError         **error)
{
  g_return_val_if_fail (TANDEM_IS_AI_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct
{
  TandemAiProvider *provider;
  char             *model;
} InfoState;

static void
info_state_free (gpointer data)
{
  InfoState *state = data;

  g_clear_object (&state->provider);
  g_free (state->model);
  g_free (state);
}

static void
model_info_show_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  InfoState *state = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  TandemAiModelInfo *info;
  GError *error = NULL;

  if (!(root = g_task_propagate_pointer (G_TASK (result), &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  if (!(info = tandem_ai_provider_parse_model_info (state->provider, state->model, root, &error)))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, info, (GDestroyNotify) tandem_ai_model_info_free);
}

static void
model_info_list_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  InfoState *state = g_task_get_task_data (task);
  g_autoptr(GPtrArray) models = NULL;
  GError *error = NULL;

  if (!(models = tandem_ai_client_list_models_finish (TANDEM_AI_CLIENT (object), result, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  for (guint i = 0; i < models->len; i++)
    {
      TandemAiModelInfo *info = g_ptr_array_index (models, i);

      if (g_strcmp0 (info->id, state->model) == 0)
        {
          g_task_return_pointer (task, g_ptr_array_steal_index (models, i),
                                 (GDestroyNotify) tandem_ai_model_info_free);
          return;
        }
    }

  g_task_return_new_error (task, TANDEM_AI_ERROR, TANDEM_AI_ERROR_NOT_FOUND,
                           _("The model “%s” is not offered by this endpoint"), state->model);
}

/**
 * tandem_ai_client_get_model_info_async:
 * @self: a #TandemAiClient
 * @provider: the provider to ask
 * @model: the model id
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Learns the model's context window (and for Ollama its capabilities) from
 * /api/show, or from the model list for the other kinds.
 */
void
tandem_ai_client_get_model_info_async (TandemAiClient      *self,
                                       TandemAiProvider    *provider,
                                       const char          *model,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  InfoState *state;
  SoupMessage *message;
  GError *error = NULL;

  g_return_if_fail (TANDEM_IS_AI_CLIENT (self));
  g_return_if_fail (TANDEM_IS_AI_PROVIDER (provider));
  g_return_if_fail (model != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tandem_ai_client_get_model_info_async);
  state = g_new0 (InfoState, 1);
  state->provider = g_object_ref (provider);
  state->model = g_strdup (model);
  g_task_set_task_data (task, state, info_state_free);

  message = tandem_ai_provider_build_model_info_message (provider, model, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (message != NULL)
    simple_request (self, provider, message, model, cancellable, model_info_show_cb, g_steal_pointer (&task));
  else
    tandem_ai_client_list_models_async (self, provider, cancellable, model_info_list_cb, g_steal_pointer (&task));
}

/**
 * tandem_ai_client_get_model_info_finish:
 * @self: a #TandemAiClient
 * @result: the result
 * @error: a location for a #GError
 *
 * Returns: (transfer full): the model's information, or %NULL
 */
TandemAiModelInfo *
tandem_ai_client_get_model_info_finish (TandemAiClient  *self,
                                        GAsyncResult    *result,
                                        GError         **error)
{
  g_return_val_if_fail (TANDEM_IS_AI_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
test_connection_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GPtrArray) models = NULL;
  GError *error = NULL;

  if (!(models = tandem_ai_client_list_models_finish (TANDEM_AI_CLIENT (object), result, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  if (models->len == 0)
    g_task_return_pointer (task, g_strdup (_("Connected, but the endpoint offers no models yet")), g_free);
  else
    g_task_return_pointer (task,
                           g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                         "Connected: %u model available",
                                                         "Connected: %u models available",
                                                         models->len),
                                            models->len),
                           g_free);
}

/**
 * tandem_ai_client_test_connection_async:
 * @self: a #TandemAiClient
 * @provider: the provider to test
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Checks that the endpoint answers and accepts the key by listing its models.
 */
void
tandem_ai_client_test_connection_async (TandemAiClient      *self,
                                        TandemAiProvider    *provider,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (TANDEM_IS_AI_CLIENT (self));
  g_return_if_fail (TANDEM_IS_AI_PROVIDER (provider));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tandem_ai_client_test_connection_async);
  tandem_ai_client_list_models_async (self, provider, cancellable, test_connection_cb, task);
}

/**
 * tandem_ai_client_test_connection_finish:
 * @self: a #TandemAiClient
 * @result: the result
 * @error: a location for a #GError, with a message for the user
 *
 * Returns: (transfer full): a short result for the user, or %NULL
 */
char *
tandem_ai_client_test_connection_finish (TandemAiClient  *self,
                                         GAsyncResult    *result,
                                         GError         **error)
{
  g_return_val_if_fail (TANDEM_IS_AI_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---------------------------------------------------------------------------------- */

static void
tandem_ai_client_finalize (GObject *object)
{
  TandemAiClient *self = TANDEM_AI_CLIENT (object);

  g_clear_object (&self->session);

  G_OBJECT_CLASS (tandem_ai_client_parent_class)->finalize (object);
}

static void
tandem_ai_client_class_init (TandemAiClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tandem_ai_client_finalize;
}

static void
tandem_ai_client_init (TandemAiClient *self)
{
  g_autoptr(GProxyResolver) resolver = tandem_ai_proxy_resolver_new (NULL);
  g_autofree char *user_agent = g_strdup_printf ("Tandem/%s ", PACKAGE_VERSION);

  self->session = soup_session_new_with_options ("proxy-resolver", resolver,
                                                 "user-agent", user_agent,
                                                 "timeout", 0,
                                                 NULL);
  self->first_byte_timeout_ms = TANDEM_AI_CLIENT_DEFAULT_FIRST_BYTE_TIMEOUT_MS;
  self->idle_timeout_ms = TANDEM_AI_CLIENT_DEFAULT_IDLE_TIMEOUT_MS;
  self->max_retries = TANDEM_AI_CLIENT_DEFAULT_MAX_RETRIES;
  self->retry_base_ms = TANDEM_AI_CLIENT_DEFAULT_RETRY_BASE_MS;
}

/**
 * tandem_ai_client_new:
 *
 * Returns: (transfer full): a client with its own session (for tests); the app uses
 *   tandem_ai_client_get_default()
 */
TandemAiClient *
tandem_ai_client_new (void)
{
  return g_object_new (TANDEM_TYPE_AI_CLIENT, NULL);
}

/**
 * tandem_ai_client_get_default:
 *
 * Returns: (transfer none): the application's client, with its one #SoupSession; use
 *   it from the main context only
 */
TandemAiClient *
tandem_ai_client_get_default (void)
{
  static TandemAiClient *instance;

  if (instance == NULL)
    {
      instance = tandem_ai_client_new ();
      g_object_add_weak_pointer (G_OBJECT (instance), (gpointer *) &instance);
    }

  return instance;
}

/**
 * tandem_ai_client_get_session:
 * @self: a #TandemAiClient
 *
 * Returns: (transfer none): the session
 */
SoupSession *
tandem_ai_client_get_session (TandemAiClient *self)
{
  g_return_val_if_fail (TANDEM_IS_AI_CLIENT (self), NULL);

  return self->session;
}

/**
 * tandem_ai_client_set_timeouts:
 * @self: a #TandemAiClient
 * @first_byte_ms: how long to wait for the first byte of an answer (0: forever)
 * @idle_ms: how long an answer may pause (0: forever)
 */
void
tandem_ai_client_set_timeouts (TandemAiClient *self,
                               guint           first_byte_ms,
                               guint           idle_ms)
{
  g_return_if_fail (TANDEM_IS_AI_CLIENT (self));

  self->first_byte_timeout_ms = first_byte_ms;
  self->idle_timeout_ms = idle_ms;
}

/**
 * tandem_ai_client_set_retry_policy:
 * @self: a #TandemAiClient
 * @max_retries: retries after the first attempt
 * @base_delay_ms: the first backoff delay, doubled on each retry (capped at 8 s)
 */
void
tandem_ai_client_set_retry_policy (TandemAiClient *self,
                                   guint           max_retries,
                                   guint           base_delay_ms)
{
  g_return_if_fail (TANDEM_IS_AI_CLIENT (self));

  self->max_retries = max_retries;
  self->retry_base_ms = base_delay_ms;
}
