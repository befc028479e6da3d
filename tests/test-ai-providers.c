/* test-ai-providers.c
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

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "tandem-ai-anthropic.h"
#include "tandem-ai-client.h"
#include "tandem-ai-ollama.h"
#include "tandem-ai-openai.h"
#include "tandem-test.h"

/* An in-process server that speaks each provider's wire format. Each test fills in
 * the scenario; the handler answers every request from it and records the requests. */
typedef struct
{
  /* What to answer. */
  guint        fail_status[4];     /* per request number: non-zero answers this status */
  const char  *fail_body;
  const char  *fail_headers[4];    /* "name: value" pairs added to failures */
  const char  *content_type;
  const char  *chunks[64];         /* sent with a pause between them */
  guint        chunk_ms;
  gboolean     one_byte;           /* send the chunks one byte at a time */
  gboolean     cut;                /* close the connection after the chunks */
  gboolean     hang;               /* after the chunks, send nothing more */
  gboolean     forever;            /* repeat the last chunk until the client leaves */
  const char  *redirect_to;        /* 307 to this URL for the first request */
  const char  *json;               /* a plain JSON answer */
  const char  *json_pages[4];      /* per request number: a plain JSON answer */

  /* What was seen. */
  guint        n_requests;
  char        *paths[8];
  char        *queries[8];
  char        *bodies[8];
  char        *auth[8];
  char        *api_key[8];
  char        *anthropic_version[8];
  gint64       disconnected_at;
} Scenario;

typedef struct
{
  SoupServerMessage *msg;
  GString           *pending;
  guint              index;
  guint              source;
  gboolean           gone;
} Streaming;

static Scenario scenario;
static SoupServer *server;
static char *base_url;
static guint server_port;

static void
scenario_reset (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (scenario.paths); i++)
    {
      g_free (scenario.paths[i]);
      g_free (scenario.queries[i]);
      g_free (scenario.bodies[i]);
      g_free (scenario.auth[i]);
      g_free (scenario.api_key[i]);
      g_free (scenario.anthropic_version[i]);
    }
  memset (&scenario, 0, sizeof scenario);
}

static void
streaming_free (Streaming *streaming)
{
  g_clear_handle_id (&streaming->source, g_source_remove);
  g_string_free (streaming->pending, TRUE);
  g_object_unref (streaming->msg);
  g_free (streaming);
}

static void
streaming_gone_cb (SoupServerMessage *msg,
                   Streaming         *streaming)
{
  if (!streaming->gone)
    {
      streaming->gone = TRUE;
      scenario.disconnected_at = g_get_monotonic_time ();
      g_clear_handle_id (&streaming->source, g_source_remove);
    }
}

static gboolean
streaming_next_cb (gpointer user_data)
{
  Streaming *streaming = user_data;
  SoupMessageBody *body = soup_server_message_get_response_body (streaming->msg);

  if (streaming->gone)
    return G_SOURCE_REMOVE;

  if (streaming->pending->len == 0)
    {
      const char *chunk = scenario.chunks[streaming->index];

      if (chunk == NULL && scenario.forever && streaming->index > 0)
        chunk = scenario.chunks[streaming->index - 1];
      else if (chunk != NULL)
        streaming->index++;

      if (chunk == NULL)
        {
          streaming->source = 0;
          if (scenario.hang)
            return G_SOURCE_REMOVE;
          if (scenario.cut)
            {
              g_socket_shutdown (soup_server_message_get_socket (streaming->msg), TRUE, TRUE, NULL);
              return G_SOURCE_REMOVE;
            }
          soup_message_body_complete (body);
          soup_server_message_unpause (streaming->msg);
          return G_SOURCE_REMOVE;
        }
      g_string_append (streaming->pending, chunk);
    }

  if (scenario.one_byte)
    {
      soup_message_body_append (body, SOUP_MEMORY_COPY, streaming->pending->str, 1);
      g_string_erase (streaming->pending, 0, 1);
    }
  else
    {
      soup_message_body_append (body, SOUP_MEMORY_COPY, streaming->pending->str, streaming->pending->len);
      g_string_truncate (streaming->pending, 0);
    }
  soup_server_message_unpause (streaming->msg);
  return G_SOURCE_CONTINUE;
}

static void
server_cb (SoupServer        *soup_server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  SoupMessageHeaders *request_headers = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response_headers = soup_server_message_get_response_headers (msg);
  SoupMessageBody *request_body = soup_server_message_get_request_body (msg);
  guint n = scenario.n_requests++;
  Streaming *streaming;

  if (n < G_N_ELEMENTS (scenario.paths))
    {
      g_autoptr(GBytes) bytes = soup_message_body_flatten (request_body);

      scenario.paths[n] = g_strdup (path);
      scenario.queries[n] = g_strdup (g_uri_get_query (soup_server_message_get_uri (msg)));
      scenario.bodies[n] = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      scenario.auth[n] = g_strdup (soup_message_headers_get_one (request_headers, "Authorization"));
      scenario.api_key[n] = g_strdup (soup_message_headers_get_one (request_headers, "x-api-key"));
      scenario.anthropic_version[n] = g_strdup (soup_message_headers_get_one (request_headers, "anthropic-version"));
    }

  if (n == 0 && scenario.redirect_to != NULL)
    {
      soup_server_message_set_redirect (msg, 307, scenario.redirect_to);
      return;
    }

  if (n < G_N_ELEMENTS (scenario.fail_status) && scenario.fail_status[n] != 0)
    {
      soup_server_message_set_status (msg, scenario.fail_status[n], NULL);
      for (guint i = 0; i + 1 < G_N_ELEMENTS (scenario.fail_headers) && scenario.fail_headers[i]; i += 2)
        soup_message_headers_append (response_headers, scenario.fail_headers[i], scenario.fail_headers[i + 1]);
      if (scenario.fail_body != NULL)
        soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                          scenario.fail_body, strlen (scenario.fail_body));
      return;
    }

  if (n < G_N_ELEMENTS (scenario.json_pages) && scenario.json_pages[n] != NULL)
    {
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                        scenario.json_pages[n], strlen (scenario.json_pages[n]));
      return;
    }

  if (scenario.json != NULL)
    {
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                        scenario.json, strlen (scenario.json));
      return;
    }

  soup_server_message_set_status (msg, 200, NULL);
  soup_message_headers_set_encoding (response_headers, SOUP_ENCODING_CHUNKED);
  soup_message_headers_set_content_type (response_headers,
                                         scenario.content_type ? scenario.content_type : "text/event-stream",
                                         NULL);
  streaming = g_new0 (Streaming, 1);
  streaming->msg = g_object_ref (msg);
  streaming->pending = g_string_new (NULL);
  g_signal_connect (msg, "disconnected", G_CALLBACK (streaming_gone_cb), streaming);
  g_signal_connect (msg, "finished", G_CALLBACK (streaming_gone_cb), streaming);
  g_object_set_data_full (G_OBJECT (msg), "streaming", streaming, (GDestroyNotify) streaming_free);
  soup_server_message_pause (msg);
  streaming->source = g_timeout_add (scenario.chunk_ms, streaming_next_cb, streaming);
}

/* Running a turn. */
typedef struct
{
  GPtrArray *events;
  GString   *text;
  GError    *error;
  gboolean   done;
  gboolean   ok;
  GCancellable *stop_on_text;
  gint64     stopped_at;
} Turn;

static void
turn_event_cb (TandemAiEvent *event,
               gpointer       user_data)
{
  Turn *turn = user_data;

  g_ptr_array_add (turn->events, tandem_ai_event_ref (event));
  if (event->kind == TANDEM_AI_EVENT_TEXT_DELTA)
    {
      g_string_append (turn->text, event->text);
      if (turn->stop_on_text != NULL && turn->stopped_at == 0)
        {
          turn->stopped_at = g_get_monotonic_time ();
          g_cancellable_cancel (turn->stop_on_text);
        }
    }
}

static void
turn_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Turn *turn = user_data;

  turn->ok = tandem_ai_client_stream_chat_finish (TANDEM_AI_CLIENT (object), result, &turn->error);
  turn->done = TRUE;
}

static void
turn_clear (Turn *turn)
{
  g_ptr_array_unref (turn->events);
  g_string_free (turn->text, TRUE);
  g_clear_error (&turn->error);
  g_clear_object (&turn->stop_on_text);
}

static TandemAiChatRequest *
simple_request (const char *model)
{
  TandemAiChatRequest *request = tandem_ai_chat_request_new (model);

  tandem_ai_chat_request_set_system (request, "Be brief.");
  tandem_ai_chat_request_add_message (request, TANDEM_AI_ROLE_USER, "Say hello");
  return request;
}

static void
run_turn (TandemAiClient      *client,
          TandemAiProvider    *provider,
          TandemAiChatRequest *request,
          Turn                *turn)
{
  turn->events = g_ptr_array_new_with_free_func ((GDestroyNotify) tandem_ai_event_unref);
  turn->text = g_string_new (NULL);
  tandem_ai_client_stream_chat_async (client, provider, request, turn_event_cb, turn, NULL,
                                      turn->stop_on_text, turn_done_cb, turn);
  g_assert_true (tandem_test_wait_for (&turn->done, 20000));
}

static TandemAiEvent *
find_event (Turn              *turn,
            TandemAiEventKind  kind,
            guint              nth)
{
  for (guint i = 0; i < turn->events->len; i++)
    {
      TandemAiEvent *event = g_ptr_array_index (turn->events, i);

      if (event->kind == kind && nth-- == 0)
        return event;
    }
  return NULL;
}

static guint
count_events (Turn              *turn,
              TandemAiEventKind  kind)
{
  guint n = 0;

  for (guint i = 0; i < turn->events->len; i++)
    n += ((TandemAiEvent *) g_ptr_array_index (turn->events, i))->kind == kind;
  return n;
}

static JsonObject *
parse_body (guint n)
{
  static JsonNode *last;

  g_clear_pointer (&last, json_node_unref);
  g_assert_nonnull (scenario.bodies[n]);
  last = json_from_string (scenario.bodies[n], NULL);
  g_assert_nonnull (last);
  return json_node_get_object (last);
}

static TandemAiClient *
new_client (void)
{
  TandemAiClient *client = tandem_ai_client_new ();

  tandem_ai_client_set_retry_policy (client, 2, 10);
  tandem_ai_client_set_timeouts (client, 5000, 5000);
  return client;
}

#define OPENAI_STREAM_1 \
  ": keep-alive\r\n\r\n" \
  "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-test\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}],\"usage\":null}\r\n\r\n"
#define OPENAI_STREAM_2 \
  "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-test\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"},\"finish_reason\":null}],\"usage\":null,\"obfuscation\":\"xx\"}\n\n" \
  "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-test\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"lo w\\u00f6rld\"},\"finish_reason\":null}]}\n\n"
#define OPENAI_STREAM_3 \
  "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-test\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],\"usage\":null}\n\n" \
  "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-test\",\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":3,\"total_tokens\":15,\"prompt_tokens_details\":{\"cached_tokens\":4}}}\n\n" \
  "data: [DONE]\n\n"

static void
check_openai_hello (Turn *turn)
{
  TandemAiEvent *event;

  g_assert_no_error (turn->error);
  g_assert_true (turn->ok);
  g_assert_cmpstr (turn->text->str, ==, "Hello w\xC3\xB6rld");

  event = find_event (turn, TANDEM_AI_EVENT_MESSAGE_START, 0);
  g_assert_nonnull (event);
  g_assert_cmpuint (count_events (turn, TANDEM_AI_EVENT_MESSAGE_START), ==, 1);
  g_assert_cmpstr (event->id, ==, "chatcmpl-1");
  g_assert_cmpstr (event->model, ==, "gpt-test");

  g_assert_cmpuint (count_events (turn, TANDEM_AI_EVENT_TEXT_DELTA), ==, 2);
  event = find_event (turn, TANDEM_AI_EVENT_USAGE, 0);
  g_assert_nonnull (event);
  g_assert_cmpint (event->input_tokens, ==, 12);
  g_assert_cmpint (event->output_tokens, ==, 3);
  g_assert_cmpint (event->cached_tokens, ==, 4);

  /* FINISH comes last, after the usage chunk. */
  event = g_ptr_array_index (turn->events, turn->events->len - 1);
  g_assert_cmpint (event->kind, ==, TANDEM_AI_EVENT_FINISH);
  g_assert_cmpint (event->reason, ==, TANDEM_AI_FINISH_STOP);
}

static void
test_openai_stream (void)
{
  g_autoptr(TandemAiClient) client = new_client ();
  g_autoptr(TandemAiProvider) provider = tandem_ai_openai_new (base_url, "sk-test-key", NULL);
  g_autoptr(TandemAiChatRequest) request = simple_request ("gpt-test");
  Turn turn = { 0 };
  JsonObject *body;
  JsonArray *messages;

  scenario_reset ();
  scenario.chunks[0] = OPENAI_STREAM_1;
  scenario.chunks[1] = OPENAI_STREAM_2;
  scenario.chunks[2] = OPENAI_STREAM_3;
  scenario.chunk_ms = 20;

  request->max_tokens = 100;
  request->temperature = 0.5;
  run_turn (client, provider, request, &turn);
  check_openai_hello (&turn);

  g_assert_cmpstr (scenario.paths[0], ==, "/v1/chat/completions");
  g_assert_cmpstr (scenario.auth[0], ==, "Bearer sk-test-key");
  body = parse_body (0);
  g_assert_cmpstr (json_object_get_string_member (body, "model"), ==, "gpt-test");
  g_assert_true (json_object_get_boolean_member (body, "stream"));
  /* Not api.openai.com and not told: no stream_options. */
  g_assert_false (json_object_has_member (body, "stream_options"));
  g_assert_cmpint (json_object_get_int_member (body, "max_tokens"), ==, 100);
  g_assert_cmpfloat (json_object_get_double_member (body, "temperature"), ==, 0.5);
  messages = json_object_get_array_member (body, "messages");
  g_assert_cmpuint (json_array_get_length (messages), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (messages, 0), "role"), ==, "system");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (messages, 0), "content"), ==, "Be brief.");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (messages, 1), "role"), ==, "user");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (messages, 1), "content"), ==, "Say hello");
  turn_clear (&turn);

  /* A server known to accept it gets stream_options.include_usage. */
  scenario_reset ();
  scenario.chunks[0] = OPENAI_STREAM_1 OPENAI_STREAM_2 OPENAI_STREAM_3;
  tandem_ai_openai_set_stream_usage (TANDEM_AI_OPENAI (provider), TRUE);
  memset (&turn, 0, sizeof turn);
  run_turn (client, provider, request, &turn);
  check_openai_hello (&turn);
  body = parse_body (0);
  g_assert_true (json_object_get_boolean_member (json_object_get_object_member (body, "stream_options"),
                                                 "include_usage"));
  turn_clear (&turn);
}

static void
test_openai_one_byte_chunks (void)
{
  g_autoptr(TandemAiClient) client = new_client ();
  g_autoptr(TandemAiProvider) provider = tandem_ai_openai_new (base_url, NULL, NULL);
  g_autoptr(TandemAiChatRequest) request = simple_request ("gpt-test");
  Turn turn = { 0 };

  scenario_reset ();
  scenario.chunks[0] = OPENAI_STREAM_1 OPENAI_STREAM_2 OPENAI_STREAM_3;
  scenario.one_byte = TRUE;
  scenario.chunk_ms = 0;

  run_turn (client, provider, request, &turn);
  check_openai_hello (&turn);
  /* No key: no Authorization header. */
  g_assert_null (scenario.auth[0]);
  turn_clear (&turn);
}

static void
test_openai_tool_calls (void)
{
  g_autoptr(TandemAiClient) client = new_client ();
  g_autoptr(TandemAiProvider) provider = tandem_ai_openai_new (base_url, NULL, NULL);
  g_autoptr(TandemAiChatRequest) request = simple_request ("gpt-test");
  TandemAiChatMessage *assistant;
  Turn turn = { 0 };
  TandemAiEvent *event;
  JsonArray *messages;
  JsonObject *call;

  scenario_reset ();
  scenario.chunks[0] =
    "data: {\"id\":\"c\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"tool_calls\":[{\"index\":0,\"id\":\"call_a\",\"type\":\"function\",\"function\":{\"name\":\"read_file\",\"arguments\":\"\"}}]}}]}\n\n"
    "data: {\"id\":\"c\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":1,\"id\":\"call_b\",\"type\":\"function\",\"function\":{\"name\":\"list_dir\",\"arguments\":\"{\\\"pa\"}}]}}]}\n\n";
  scenario.chunks[1] =
    "data: {\"id\":\"c\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"path\\\":\"}}]}}]}\n\n"
    "data: {\"id\":\"c\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":1,\"function\":{\"arguments\":\"th\\\":\\\"src\\\"}\"}}]}}]}\n\n"
    "data: {\"id\":\"c\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"\\\"a.c\\\"}\"}}]}}]}\n\n";
  scenario.chunks[2] =
    "data: {\"id\":\"c\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}\n\n"
    "data: [DONE]\n\n";
  scenario.chunk_ms = 10;

  /* The history replays an earlier call with arguments as a JSON string. */
  assistant = tandem_ai_chat_request_add_message (request, TANDEM_AI_ROLE_ASSISTANT, NULL);
  tandem_ai_chat_message_add_tool_call (assistant, "call_0", "read_file", "{\"path\":\"x\"}");
  tandem_ai_chat_request_add_tool_result (request, "call_0", "read_file", "contents", FALSE);
  tandem_ai_chat_request_add_tool (request, "read_file", "Reads a file", NULL);

  run_turn (client, provider, request, &turn);
  g_assert_no_error (turn.error);

  event = find_event (&turn, TANDEM_AI_EVENT_TOOL_CALL_START, 0);
  g_assert_cmpint (event->index, ==, 0);
  g_assert_cmpstr (event->id, ==, "call_a");
  g_assert_cmpstr (event->name, ==, "read_file");
  event = find_event (&turn, TANDEM_AI_EVENT_TOOL_CALL_START, 1);
  g_assert_cmpint (event->index, ==, 1);
  g_assert_cmpstr (event->id, ==, "call_b");
  g_assert_cmpuint (count_events (&turn, TANDEM_AI_EVENT_TOOL_CALL_ARGS_DELTA), ==, 4);

  event = find_event (&turn, TANDEM_AI_EVENT_TOOL_CALL_END, 0);
  g_assert_cmpint (event->index, ==, 0);
  g_assert_cmpstr (event->text, ==, "{\"path\":\"a.c\"}");
  g_assert_no_error (event->args_error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (event->args), "path"), ==, "a.c");
  event = find_event (&turn, TANDEM_AI_EVENT_TOOL_CALL_END, 1);
  g_assert_cmpstr (event->id, ==, "call_b");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (event->args), "path"), ==, "src");

  event = find_event (&turn, TANDEM_AI_EVENT_FINISH, 0);
  g_assert_cmpint (event->reason, ==, TANDEM_AI_FINISH_TOOL_CALLS);

  messages = json_object_get_array_member (parse_body (0), "messages");
  g_assert_cmpuint (json_array_get_length (messages), ==, 4);
  call = json_array_get_object_element (json_object_get_array_member (json_array_get_object_element (messages, 2),
                                                                      "tool_calls"), 0);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (call, "function"), "arguments"),
                   ==, "{\"path\":\"x\"}");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (messages, 3), "tool_call_id"),
                   ==, "call_0");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (parse_body (0), "tools")), ==, 1);
  turn_clear (&turn);
}

static void
test_anthropic_stream (void)
{
  g_autoptr(TandemAiClient) client = new_client ();
  g_autoptr(TandemAiProvider) provider = tandem_ai_anthropic_new (base_url, "sk-ant-test", NULL);
  g_autoptr(TandemAiChatRequest) request = simple_request ("claude-test");
  Turn turn = { 0 };
  TandemAiEvent *event;
  JsonObject *body;

  scenario_reset ();
  scenario.chunks[0] =
    "event: message_start\n"
    "data: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[],\"model\":\"claude-test\",\"stop_reason\":null,\"usage\":{\"input_tokens\":25,\"output_tokens\":1,\"cache_read_input_tokens\":5}}}\n\n"
    "event: content_block_start\n"
    "data: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n"
    "event: ping\n"
    "data: {\"type\": \"ping\"}\n\n";
  scenario.chunks[1] =
    "event: content_block_delta\n"
    "data: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hello\"}}\n\n"
    "event: content_block_delta\n"
    "data: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"!\"}}\n\n"
    "event: content_block_stop\n"
    "data: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
    "event: content_block_start\n"
    "data: {\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"get_weather\",\"input\":{}}}\n\n";
  scenario.chunks[2] =
    "event: content_block_delta\n"
    "data: {\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"\"}}\n\n"
    "event: content_block_delta\n"
    "data: {\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"city\\\": \\\"Par\"}}\n\n"
    "event: content_block_delta\n"
    "data: {\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"is\\\"}\"}}\n\n"
    "event: content_block_stop\n"
    "data: {\"type\":\"content_block_stop\",\"index\":1}\n\n"
    "event: message_delta\n"
    "data: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":15}}\n\n"
    "event: message_stop\n"
    "data: {\"type\":\"message_stop\"}\n\n";
  scenario.chunk_ms = 10;

  run_turn (client, provider, request, &turn);
  g_assert_no_error (turn.error);
  g_assert_cmpstr (turn.text->str, ==, "Hello!");

  event = find_event (&turn, TANDEM_AI_EVENT_MESSAGE_START, 0);
  g_assert_cmpstr (event->id, ==, "msg_1");
  g_assert_cmpstr (event->model, ==, "claude-test");
  event = find_event (&turn, TANDEM_AI_EVENT_TOOL_CALL_START, 0);
  g_assert_cmpint (event->index, ==, 1);
  g_assert_cmpstr (event->id, ==, "toolu_1");
  g_assert_cmpstr (event->name, ==, "get_weather");
  event = find_event (&turn, TANDEM_AI_EVENT_TOOL_CALL_END, 0);
  g_assert_cmpstr (event->text, ==, "{\"city\": \"Paris\"}");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (event->args), "city"), ==, "Paris");
  event = find_event (&turn, TANDEM_AI_EVENT_USAGE, 0);
  g_assert_cmpint (event->input_tokens, ==, 25);
  g_assert_cmpint (event->output_tokens, ==, 15);
  g_assert_cmpint (event->cached_tokens, ==, 5);
  event = find_event (&turn, TANDEM_AI_EVENT_FINISH, 0);
  g_assert_cmpint (event->reason, ==, TANDEM_AI_FINISH_TOOL_CALLS);

  g_assert_cmpstr (scenario.paths[0], ==, "/v1/messages");
  g_assert_cmpstr (scenario.api_key[0], ==, "sk-ant-test");
  g_assert_null (scenario.auth[0]);
  g_assert_cmpstr (scenario.anthropic_version[0], ==, "2023-06-01");
  body = parse_body (0);
  g_assert_cmpstr (json_object_get_string_member (body, "system"), ==, "Be brief.");
  g_assert_cmpint (json_object_get_int_member (body, "max_tokens"), ==, TANDEM_AI_ANTHROPIC_DEFAULT_MAX_TOKENS);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (body, "messages")), ==, 1);
  turn_clear (&turn);
}

static void
test_anthropic_error_event (void)
{
  g_autoptr(TandemAiClient) client = new_client ();
  g_autoptr(TandemAiProvider) provider = tandem_ai_anthropic_new (base_url, "k", NULL);
  g_autoptr(TandemAiChatRequest) request = simple_request ("claude-test");
  Turn turn = { 0 };
  TandemAiEvent *event;

  scenario_reset ();
  scenario.chunks[0] =
    "event: message_start\n"
    "data: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"model\":\"claude-test\",\"usage\":{\"input_tokens\":1}}}\n\n"
    "event: content_block_delta\n"
    "data: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Part\"}}\n\n"
    "event: error\n"
    "data: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n";
  scenario.chunk_ms = 5;

  run_turn (client, provider, request, &turn);
  g_assert_error (turn.error, TANDEM_AI_ERROR, TANDEM_AI_ERROR_SERVER);
  g_assert_cmpstr (turn.text->str, ==, "Part");
  event = find_event (&turn, TANDEM_AI_EVENT_ERROR, 0);
  g_assert_cmpstr (event->text, ==, "Overloaded");
  g_assert_cmpuint (count_events (&turn, TANDEM_AI_EVENT_ERROR), ==, 1);
  turn_clear (&turn);
}

static void
test_ollama_stream (void)
{
  g_autoptr(TandemAiClient) client = new_client ();
  g_autoptr(TandemAiProvider) provider = tandem_ai_ollama_new (base_url, NULL, NULL);
  g_autoptr(TandemAiChatRequest) request = simple_request ("qwen2.5-coder:7b");
  Turn turn = { 0 };
  TandemAiEvent *event;
  JsonObject *body;
  JsonObject *options;

  scenario_reset ();
  scenario.content_type = "application/x-ndjson";
  scenario.chunks[0] = "{\"model\":\"qwen2.5-coder:7b\",\"created_at\":\"x\",\"message\":{\"role\":\"assistant\",\"content\":\"The\"},\"done\":false}\n";
  scenario.chunks[1] = "{\"model\":\"qwen2.5-coder:7b\",\"message\":{\"role\":\"assistant\",\"content\":\" sky\"},\"done\":false}\r\n\n{\"model\":\"qwen2.5-coder:7b\",\"message\":{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":[{\"function\":{\"name\":\"get_weather\",\"arguments\":{\"city\":\"Tokyo\"}}}]},\"done\":false}\n";
  scenario.chunks[2] = "{\"model\":\"qwen2.5-coder:7b\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done\":true,\"done_reason\":\"stop\",\"prompt_eval_count\":26,\"eval_count\":290}";
  scenario.chunk_ms = 10;
  request->num_ctx = 16384;
  request->max_tokens = 512;

  run_turn (client, provider, request, &turn);
  g_assert_no_error (turn.error);
  g_assert_cmpstr (turn.text->str, ==, "The sky");

  event = find_event (&turn, TANDEM_AI_EVENT_TOOL_CALL_START, 0);
  g_assert_cmpstr (event->id, ==, "call_0");
  g_assert_cmpstr (event->name, ==, "get_weather");
  event = find_event (&turn, TANDEM_AI_EVENT_TOOL_CALL_END, 0);
  g_assert_cmpstr (event->text, ==, "{\"city\":\"Tokyo\"}");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (event->args), "city"), ==, "Tokyo");
  event = find_event (&turn, TANDEM_AI_EVENT_USAGE, 0);
  g_assert_cmpint (event->input_tokens, ==, 26);
  g_assert_cmpint (event->output_tokens, ==, 290);
  event = find_event (&turn, TANDEM_AI_EVENT_FINISH, 0);
  g_assert_cmpint (event->reason, ==, TANDEM_AI_FINISH_TOOL_CALLS);

  g_assert_cmpstr (scenario.paths[0], ==, "/api/chat");
  g_assert_null (scenario.auth[0]);
  body = parse_body (0);
  g_assert_cmpstr (json_object_get_string_member (body, "model"), ==, "qwen2.5-coder:7b");
  options = json_object_get_object_member (body, "options");
  g_assert_cmpint (json_object_get_int_member (options, "num_ctx"), ==, 16384);
  g_assert_cmpint (json_object_get_int_member (options, "num_predict"), ==, 512);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (body, "messages"), 0), "role"), ==, "system");
  turn_clear (&turn);
}

static void
test_ollama_midstream_error (void)
{
  g_autoptr(TandemAiClient) client = new_client ();
  g_autoptr(TandemAiProvider) provider = tandem_ai_ollama_new (base_url, NULL, NULL);
  g_autoptr(TandemAiChatRequest) request = simple_request ("llama3");
  Turn turn = { 0 };

  scenario_reset ();
  scenario.content_type = "application/x-ndjson";
  scenario.chunks[0] = "{\"model\":\"llama3\",\"message\":{\"content\":\"Hi\"},\"done\":false}\n{\"error\":\"model runner has unexpectedly stopped\"}\n";
  scenario.chunk_ms = 5;

  run_turn (client, provider, request, &turn);
  g_assert_error (turn.error, TANDEM_AI_ERROR, TANDEM_AI_ERROR_STREAM);
  g_assert_nonnull (strstr (turn.error->message, "unexpectedly stopped"));
  g_assert_cmpstr (turn.text->str, ==, "Hi");
  turn_clear (&turn);
}

static void
test_malformed_json (void)
{
  g_autoptr(TandemAiClient) client = new_client ();
  g_autoptr(TandemAiProvider) provider = tandem_ai_openai_new (base_url, NULL, NULL);
  g_autoptr(TandemAiChatRequest) request = simple_request ("m");
  Turn turn = { 0 };

  scenario_reset ();
  scenario.chunks[0] = "data: {\"id\":\"c\",\"choices\":[{\"delta\":{\"content\":\"ok\"}}]}\n\ndata: {\"id\":\"c\",\"choices\":[{\"delta\":{\"content\n\n";
  scenario.chunk_ms = 5;

  run_turn (client, provider, request, &turn);
  g_assert_error (turn.error, TANDEM_AI_ERROR, TANDEM_AI_ERROR_MALFORMED);
  g_assert_cmpstr (turn.text->str, ==, "ok");
  g_assert_cmpuint (count_events (&turn, TANDEM_AI_EVENT_ERROR), ==, 1);
  turn_clear (&turn);
}

static void
test_openai_midstream_error (void)
{
  g_autoptr(TandemAiClient) client = new_client ();
  g_autoptr(TandemAiProvider) provider = tandem_ai_openai_new (base_url, NULL, NULL);
  g_autoptr(TandemAiChatRequest) request = simple_request ("m");
  Turn turn = { 0 };

  scenario_reset ();
  scenario.chunks[0] = "data: {\"error\":{\"message\":\"The server had an error while processing your request\",\"type\":\"server_error\"}}\n\n";
  scenario.chunk_ms = 5;

  run_turn (client, provider, request, &turn);
  g_assert_error (turn.error, TANDEM_AI_ERROR, TANDEM_AI_ERROR_STREAM);
  g_assert_nonnull (strstr (turn.error->message, "while processing"));
  turn_clear (&turn);
}

static void
expect_http_failure (guint              status,
                     const char        *body,
                     const char        *key,
                     TandemAiErrorKind  kind,
                     const char        *words)
{
  g_autoptr(TandemAiClient) client = new_client ();
  g_autoptr(TandemAiProvider) provider = tandem_ai_openai_new (base_url, key, NULL);
  g_autoptr(TandemAiChatRequest) request = simple_request ("gpt-missing");
  Turn turn = { 0 };
  TandemAiEvent *event;

  scenario_reset ();
  for (guint i = 0; i < G_N_ELEMENTS (scenario.fail_status); i++)
    scenario.fail_status[i] = status;
  scenario.fail_body = body;

  run_turn (client, provider, request, &turn);
  g_assert_error (turn.error, TANDEM_AI_ERROR, kind);
  if (strstr (turn.error->message, words) == NULL)
    g_printerr ("Unexpected message: %s\n", turn.error->message);
  g_assert_nonnull (strstr (turn.error->message, words));
  event = find_event (&turn, TANDEM_AI_EVENT_ERROR, 0);
  g_assert_nonnull (event);
  g_assert_cmpuint (event->http_status, ==, status);
  g_assert_cmpint (event->error_kind, ==, kind);
  g_assert_cmpuint (count_events (&turn, TANDEM_AI_EVENT_RETRY), ==, 0);
  g_assert_cmpuint (scenario.n_requests, ==, 1);
  /* The key is never part of a message. */
  if (key != NULL)
    g_assert_null (strstr (turn.error->message, key));
  turn_clear (&turn);
}

static void
test_http_errors (void)
{
  expect_http_failure (401, "{\"error\":{\"message\":\"Incorrect API key provided\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}",
                       "sk-wrong-key", TANDEM_AI_ERROR_AUTH, "refused the API key");
  expect_http_failure (401, NULL, NULL, TANDEM_AI_ERROR_AUTH, "needs an API key");
  expect_http_failure (403, NULL, "sk-x", TANDEM_AI_ERROR_AUTH, "Preferences");
  expect_http_failure (404, "{\"error\":{\"message\":\"The model does not exist\",\"type\":\"invalid_request_error\",\"code\":\"model_not_found\"}}",
                       NULL, TANDEM_AI_ERROR_NOT_FOUND, "“gpt-missing” was not found");
  expect_http_failure (400, "{\"error\":{\"message\":\"context too long\"}}",
                       NULL, TANDEM_AI_ERROR_BAD_REQUEST, "context too long");
  /* A quota that is used up does not come back by waiting. */
  expect_http_failure (429, "{\"error\":{\"message\":\"You exceeded your current quota\",\"type\":\"insufficient_quota\",\"code\":\"insufficient_quota\"}}",
                       NULL, TANDEM_AI_ERROR_QUOTA, "quota");
}

static void
test_retry_after_then_success (void)
{
  g_autoptr(TandemAiClient) client = new_client ();
  g_autoptr(TandemAiProvider) provider = tandem_ai_openai_new (base_url, NULL, NULL);
  g_autoptr(TandemAiChatRequest) request = simple_request ("gpt-test");
  Turn turn = { 0 };
  TandemAiEvent *event;
  gint64 start;

  scenario_reset ();
  scenario.fail_status[0] = 429;
  scenario.fail_body = "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\"}}";
  scenario.fail_headers[0] = "retry-after-ms";
  scenario.fail_headers[1] = "300";
  scenario.chunks[0] = OPENAI_STREAM_1 OPENAI_STREAM_2 OPENAI_STREAM_3;

  start = g_get_monotonic_time ();
  run_turn (client, provider, request, &turn);
  check_openai_hello (&turn);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 300 * 1000);
  g_assert_cmpuint (scenario.n_requests, ==, 2);
  event = find_event (&turn, TANDEM_AI_EVENT_RETRY, 0);
  g_assert_nonnull (event);
  g_assert_cmpuint (event->attempt, ==, 1);
  g_assert_cmpint (event->retry_after_ms, ==, 300);
  g_assert_cmpuint (event->http_status, ==, 429);
  turn_clear (&turn);

  /* x-should-retry: false wins over the status. */
  scenario_reset ();
  scenario.fail_status[0] = 503;
  scenario.fail_headers[0] = "x-should-retry";
  scenario.fail_headers[1] = "false";
  memset (&turn, 0, sizeof turn);
  run_turn (client, provider, request, &turn);
  g_assert_error (turn.error, TANDEM_AI_ERROR, TANDEM_AI_ERROR_SERVER);
  g_assert_cmpuint (scenario.n_requests, ==, 1);
  turn_clear (&turn);

  /* A wait longer than 120 s is not waited for. */
  scenario_reset ();
  scenario.fail_status[0] = 429;
  scenario.fail_headers[0] = "retry-after";
  scenario.fail_headers[1] = "600";
  memset (&turn, 0, sizeof turn);
  run_turn (client, provider, request, &turn);
  g_assert_error (turn.error, TANDEM_AI_ERROR, TANDEM_AI_ERROR_RATE_LIMIT);
  g_assert_cmpuint (scenario.n_requests, ==, 1);
  turn_clear (&turn);
}

static void
test_server_errors_retried (void)
{
  g_autoptr(TandemAiClient) client = new_client ();
  g_autoptr(TandemAiProvider) provider = tandem_ai_openai_new (base_url, NULL, NULL);
  g_autoptr(TandemAiChatRequest) request = simple_request ("gpt-test");
  Turn turn = { 0 };

  /* 500 twice, then the answer. */
  scenario_reset ();
  scenario.fail_status[0] = 500;
  scenario.fail_status[1] = 529;
  scenario.chunks[0] = OPENAI_STREAM_1 OPENAI_STREAM_2 OPENAI_STREAM_3;
  run_turn (client, provider, request, &turn);
  check_openai_hello (&turn);
  g_assert_cmpuint (scenario.n_requests, ==, 3);
  g_assert_cmpuint (count_events (&turn, TANDEM_AI_EVENT_RETRY), ==, 2);
  g_assert_cmpuint (find_event (&turn, TANDEM_AI_EVENT_RETRY, 1)->attempt, ==, 2);
  turn_clear (&turn);

  /* 500 three times: two retries, then a clear error. */
  scenario_reset ();
  scenario.fail_status[0] = scenario.fail_status[1] = scenario.fail_status[2] = 500;
  memset (&turn, 0, sizeof turn);
  run_turn (client, provider, request, &turn);
  g_assert_error (turn.error, TANDEM_AI_ERROR, TANDEM_AI_ERROR_SERVER);
  g_assert_nonnull (strstr (turn.error->message, "error 500"));
  g_assert_cmpuint (scenario.n_requests, ==, 3);
  g_assert_cmpuint (count_events (&turn, TANDEM_AI_EVENT_RETRY), ==, 2);
  turn_clear (&turn);
}

static void
test_connection_refused (void)
{
  g_autoptr(TandemAiClient) client = new_client ();
  g_autoptr(SoupServer) closed = soup_server_new (NULL, NULL);
  g_autoptr(TandemAiProvider) provider = NULL;
  g_autoptr(TandemAiChatRequest) request = simple_request ("llama3");
  g_autofree char *url = NULL;
  GSList *uris;
  Turn turn = { 0 };

  /* A port that was just free: nobody listens there any more. */
  g_assert_true (soup_server_listen_local (closed, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, NULL));
  uris = soup_server_get_uris (closed);
  url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  soup_server_disconnect (closed);

  provider = tandem_ai_ollama_new (url, NULL, NULL);
  run_turn (client, provider, request, &turn);
  g_assert_error (turn.error, TANDEM_AI_ERROR, TANDEM_AI_ERROR_CONNECTION_REFUSED);
  g_assert_nonnull (strstr (turn.error->message, "not running at 127.0.0.1:"));
  g_assert_nonnull (find_event (&turn, TANDEM_AI_EVENT_ERROR, 0));
  turn_clear (&turn);
}

static void
test_timeouts (void)
{
  g_autoptr(TandemAiClient) client = new_client ();
  g_autoptr(TandemAiProvider) provider = tandem_ai_openai_new (base_url, NULL, NULL);
  g_autoptr(TandemAiChatRequest) request = simple_request ("m");
  Turn turn = { 0 };
  gint64 start;

  tandem_ai_client_set_timeouts (client, 300, 300);

  /* Headers but not one byte of the answer. */
  scenario_reset ();
  scenario.hang = TRUE;
  scenario.chunk_ms = 10;
  start = g_get_monotonic_time ();
  run_turn (client, provider, request, &turn);
  g_assert_error (turn.error, TANDEM_AI_ERROR, TANDEM_AI_ERROR_TIMEOUT_FIRST_BYTE);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 3 * G_USEC_PER_SEC);
  turn_clear (&turn);

  /* Some of the answer, then silence: the partial text was delivered. */
  scenario_reset ();
  scenario.hang = TRUE;
  scenario.chunks[0] = OPENAI_STREAM_1 OPENAI_STREAM_2;
  scenario.chunk_ms = 10;
  memset (&turn, 0, sizeof turn);
  run_turn (client, provider, request, &turn);
  g_assert_error (turn.error, TANDEM_AI_ERROR, TANDEM_AI_ERROR_TIMEOUT_IDLE);
  g_assert_cmpstr (turn.text->str, ==, "Hello w\xC3\xB6rld");
  g_assert_nonnull (strstr (turn.error->message, "partial answer was kept"));
  turn_clear (&turn);
}

static void
test_cut_stream (void)
{
  g_autoptr(TandemAiClient) client = new_client ();
  g_autoptr(TandemAiProvider) provider = tandem_ai_openai_new (base_url, NULL, NULL);
  g_autoptr(TandemAiChatRequest) request = simple_request ("m");
  Turn turn = { 0 };

  scenario_reset ();
  scenario.cut = TRUE;
  scenario.chunks[0] = OPENAI_STREAM_1 OPENAI_STREAM_2 "data: {\"choices\":[{\"delta\":{\"content\":\"trunc";
  scenario.chunk_ms = 10;
  run_turn (client, provider, request, &turn);
  g_assert_error (turn.error, TANDEM_AI_ERROR, TANDEM_AI_ERROR_CUT);
  g_assert_cmpstr (turn.text->str, ==, "Hello w\xC3\xB6rld");
  g_assert_cmpuint (count_events (&turn, TANDEM_AI_EVENT_FINISH), ==, 0);
  /* Content was delivered: no retry. */
  g_assert_cmpuint (scenario.n_requests, ==, 1);
  turn_clear (&turn);
}

static void
test_key_only_to_its_host (void)
{
  g_autoptr(TandemAiClient) client = new_client ();
  g_autoptr(TandemAiProvider) other = tandem_ai_openai_new (base_url, "sk-secret", "api.example.com");
  g_autoptr(TandemAiProvider) provider = tandem_ai_openai_new (base_url, "sk-secret", NULL);
  g_autoptr(TandemAiChatRequest) request = simple_request ("gpt-test");
  g_autofree char *elsewhere = NULL;
  Turn turn = { 0 };

  /* Saved for another host: not sent. */
  scenario_reset ();
  scenario.chunks[0] = OPENAI_STREAM_1 OPENAI_STREAM_2 OPENAI_STREAM_3;
  run_turn (client, other, request, &turn);
  check_openai_hello (&turn);
  g_assert_null (scenario.auth[0]);
  turn_clear (&turn);

  /* A redirect to another host (localhost is not 127.0.0.1) drops the key; the body
   * is sent again. */
  elsewhere = g_strdup_printf ("http://localhost:%u/v1/chat/completions", server_port);
  scenario_reset ();
  scenario.redirect_to = elsewhere;
  scenario.chunks[0] = OPENAI_STREAM_1 OPENAI_STREAM_2 OPENAI_STREAM_3;
  memset (&turn, 0, sizeof turn);
  run_turn (client, provider, request, &turn);
  check_openai_hello (&turn);
  g_assert_cmpuint (scenario.n_requests, ==, 2);
  g_assert_cmpstr (scenario.auth[0], ==, "Bearer sk-secret");
  g_assert_null (scenario.auth[1]);
  g_assert_cmpstr (scenario.bodies[0], ==, scenario.bodies[1]);
  turn_clear (&turn);
}

static void
test_plain_http_refused (void)
{
  g_autoptr(TandemAiClient) client = new_client ();
  g_autoptr(TandemAiProvider) provider = tandem_ai_openai_new ("http://api.example.com/v1", "sk-x", NULL);
  g_autoptr(TandemAiChatRequest) request = simple_request ("m");
  Turn turn = { 0 };

  run_turn (client, provider, request, &turn);
  g_assert_error (turn.error, TANDEM_AI_ERROR, TANDEM_AI_ERROR_INSECURE);
  g_assert_nonnull (strstr (turn.error->message, "https://"));
  turn_clear (&turn);

  g_assert_true (tandem_ai_host_is_private ("192.168.1.20"));
  g_assert_true (tandem_ai_host_is_private ("10.0.0.1"));
  g_assert_true (tandem_ai_host_is_private ("172.20.3.4"));
  g_assert_false (tandem_ai_host_is_private ("172.32.0.1"));
  g_assert_true (tandem_ai_host_is_private ("[fd12::1]"));
  g_assert_true (tandem_ai_host_is_private ("gpu-box.local"));
  g_assert_false (tandem_ai_host_is_private ("8.8.8.8"));
  g_assert_false (tandem_ai_host_is_private ("api.openai.com"));
  g_assert_true (tandem_ai_host_is_loopback ("127.0.0.2"));
  g_assert_true (tandem_ai_host_is_loopback ("[::1]"));
  g_assert_true (tandem_ai_host_is_loopback ("localhost"));
  g_assert_false (tandem_ai_host_is_loopback ("10.0.0.1"));
}

static gboolean
server_saw_disconnect (gpointer data)
{
  return scenario.disconnected_at != 0;
}

static void
test_stop_closes_connection (void)
{
  g_autoptr(TandemAiClient) client = new_client ();
  g_autoptr(TandemAiProvider) provider = tandem_ai_openai_new (base_url, NULL, NULL);
  g_autoptr(TandemAiChatRequest) request = simple_request ("m");
  Turn turn = { 0 };

  scenario_reset ();
  scenario.chunks[0] = OPENAI_STREAM_1;
  scenario.chunks[1] = "data: {\"id\":\"c\",\"choices\":[{\"delta\":{\"content\":\"more \"}}]}\n\n";
  scenario.forever = TRUE;
  scenario.chunk_ms = 20;

  turn.stop_on_text = g_cancellable_new ();
  run_turn (client, provider, request, &turn);
  g_assert_error (turn.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (count_events (&turn, TANDEM_AI_EVENT_ERROR), ==, 0);
  g_assert_cmpstr (turn.text->str, ==, "more ");

  /* The server sees the connection close within 200 ms. */
  tandem_test_wait_until (server_saw_disconnect, NULL, 1000);
  g_assert_cmpint (scenario.disconnected_at, !=, 0);
  g_assert_cmpint (scenario.disconnected_at - turn.stopped_at, <, 200 * 1000);
  turn_clear (&turn);
}

static GPtrArray *
list_models (TandemAiClient    *client,
             TandemAiProvider  *provider,
             GError           **error)
{
  GAsyncResult *result = NULL;
  GPtrArray *models;

  tandem_ai_client_list_models_async (client, provider, NULL, tandem_test_store_result_cb, &result);
  tandem_test_wait_result (&result, 5000);
  models = tandem_ai_client_list_models_finish (client, result, error);
  g_object_unref (result);
  return models;
}

static void
test_models (void)
{
  g_autoptr(TandemAiClient) client = new_client ();
  g_autoptr(TandemAiProvider) openai = tandem_ai_openai_new (base_url, "sk-o", NULL);
  g_autoptr(TandemAiProvider) anthropic = tandem_ai_anthropic_new (base_url, "sk-a", NULL);
  g_autoptr(TandemAiProvider) ollama = tandem_ai_ollama_new (base_url, NULL, NULL);
  g_autoptr(TandemAiModelInfo) info = NULL;
  g_autoptr(GPtrArray) models = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  GAsyncResult *result = NULL;

  scenario_reset ();
  scenario.json = "{\"object\":\"list\",\"data\":[{\"id\":\"gpt-4o\",\"object\":\"model\"},{\"id\":\"local.gguf\",\"object\":\"model\",\"owned_by\":\"llamacpp\",\"meta\":{\"n_ctx_train\":32768}}]}";
  models = list_models (client, openai, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (models->len, ==, 2);
  g_assert_cmpstr (((TandemAiModelInfo *) models->pdata[0])->id, ==, "gpt-4o");
  g_assert_cmpint (((TandemAiModelInfo *) models->pdata[1])->context_length, ==, 32768);
  g_assert_cmpstr (scenario.paths[0], ==, "/v1/models");
  g_assert_cmpstr (scenario.auth[0], ==, "Bearer sk-o");
  g_clear_pointer (&models, g_ptr_array_unref);

  scenario_reset ();
  scenario.json = "{\"data\":[{\"id\":\"claude-x\",\"display_name\":\"Claude X\",\"type\":\"model\",\"max_input_tokens\":200000}],\"has_more\":false}";
  models = list_models (client, anthropic, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((TandemAiModelInfo *) models->pdata[0])->display_name, ==, "Claude X");
  g_assert_cmpint (((TandemAiModelInfo *) models->pdata[0])->context_length, ==, 200000);
  g_assert_cmpstr (scenario.api_key[0], ==, "sk-a");
  g_assert_cmpstr (scenario.anthropic_version[0], ==, "2023-06-01");
  g_assert_cmpuint (scenario.n_requests, ==, 1);
  g_clear_pointer (&models, g_ptr_array_unref);

  /* Anthropic's list in two pages: has_more and last_id ask for the rest, with the key. */
  scenario_reset ();
  scenario.json_pages[0] = "{\"data\":[{\"id\":\"claude-a\",\"type\":\"model\"},{\"id\":\"claude-b+1\",\"type\":\"model\"}],"
                           "\"has_more\":true,\"first_id\":\"claude-a\",\"last_id\":\"claude-b+1\"}";
  scenario.json_pages[1] = "{\"data\":[{\"id\":\"claude-c\",\"type\":\"model\"}],"
                           "\"has_more\":false,\"first_id\":\"claude-c\",\"last_id\":\"claude-c\"}";
  /* A third page would be wrong. */
  scenario.json = "{\"data\":[{\"id\":\"never\"}],\"has_more\":false}";
  models = list_models (client, anthropic, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (scenario.n_requests, ==, 2);
  g_assert_cmpuint (models->len, ==, 3);
  g_assert_cmpstr (((TandemAiModelInfo *) models->pdata[0])->id, ==, "claude-a");
  g_assert_cmpstr (((TandemAiModelInfo *) models->pdata[1])->id, ==, "claude-b+1");
  g_assert_cmpstr (((TandemAiModelInfo *) models->pdata[2])->id, ==, "claude-c");
  g_assert_cmpstr (scenario.queries[0], ==, "limit=1000");
  g_assert_cmpstr (scenario.queries[1], ==, "limit=1000&after_id=claude-b%2B1");
  g_assert_cmpstr (scenario.paths[1], ==, "/v1/models");
  g_assert_cmpstr (scenario.api_key[1], ==, "sk-a");
  g_assert_cmpstr (scenario.anthropic_version[1], ==, "2023-06-01");
  g_clear_pointer (&models, g_ptr_array_unref);

  /* A failure on the second page is the result, not half a list. */
  scenario_reset ();
  scenario.json_pages[0] = "{\"data\":[{\"id\":\"claude-a\"}],\"has_more\":true,\"last_id\":\"claude-a\"}";
  scenario.fail_status[1] = 401;
  models = list_models (client, anthropic, &error);
  g_assert_null (models);
  g_assert_error (error, TANDEM_AI_ERROR, TANDEM_AI_ERROR_AUTH);
  g_clear_error (&error);

  scenario_reset ();
  scenario.json = "{\"models\":[{\"name\":\"llama3:8b\",\"model\":\"llama3:8b\",\"size\":1},{\"name\":\"qwen2.5-coder:7b\"}]}";
  models = list_models (client, ollama, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (models->len, ==, 2);
  g_assert_cmpstr (((TandemAiModelInfo *) models->pdata[1])->id, ==, "qwen2.5-coder:7b");
  g_assert_cmpstr (scenario.paths[0], ==, "/api/tags");
  g_clear_pointer (&models, g_ptr_array_unref);

  /* Test Connection */
  tandem_ai_client_test_connection_async (client, ollama, NULL, tandem_test_store_result_cb, &result);
  tandem_test_wait_result (&result, 5000);
  summary = tandem_ai_client_test_connection_finish (client, result, &error);
  g_clear_object (&result);
  g_assert_no_error (error);
  g_assert_cmpstr (summary, ==, "Connected: 2 models available");

  /* Context window and capabilities from /api/show. */
  scenario_reset ();
  scenario.json = "{\"parameters\":\"stop \\\"<|im_end|>\\\"\\nnum_ctx                        8192\",\"model_info\":{\"general.architecture\":\"qwen2\",\"qwen2.context_length\":32768},\"capabilities\":[\"completion\",\"tools\",\"insert\"]}";
  tandem_ai_client_get_model_info_async (client, ollama, "qwen2.5-coder:7b", NULL, tandem_test_store_result_cb, &result);
  tandem_test_wait_result (&result, 5000);
  info = tandem_ai_client_get_model_info_finish (client, result, &error);
  g_clear_object (&result);
  g_assert_no_error (error);
  g_assert_cmpstr (scenario.paths[0], ==, "/api/show");
  g_assert_cmpstr (json_object_get_string_member (parse_body (0), "model"), ==, "qwen2.5-coder:7b");
  /* The Modelfile's num_ctx is what the server uses. */
  g_assert_cmpint (info->context_length, ==, 8192);
  g_assert_true (g_strv_contains ((const char * const *) info->capabilities, "insert"));
  g_clear_pointer (&info, tandem_ai_model_info_free);

  scenario_reset ();
  scenario.json = "{\"model_info\":{\"general.architecture\":\"llama\",\"llama.context_length\":131072},\"capabilities\":[\"completion\"]}";
  tandem_ai_client_get_model_info_async (client, ollama, "llama3", NULL, tandem_test_store_result_cb, &result);
  tandem_test_wait_result (&result, 5000);
  info = tandem_ai_client_get_model_info_finish (client, result, &error);
  g_clear_object (&result);
  g_assert_no_error (error);
  g_assert_cmpint (info->context_length, ==, 131072);

  /* A wrong key when listing is a clear error too. */
  scenario_reset ();
  scenario.fail_status[0] = 401;
  scenario.fail_body = "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key\"}}";
  models = list_models (client, anthropic, &error);
  g_assert_null (models);
  g_assert_error (error, TANDEM_AI_ERROR, TANDEM_AI_ERROR_AUTH);
  g_assert_nonnull (strstr (error->message, "invalid x-api-key"));
}

/* A self-signed certificate for localhost, made with the openssl command for this run. */
static GTlsCertificate *
make_self_signed_certificate (void)
{
  g_autofree char *dir = tandem_test_make_dir ("tls");
  g_autofree char *cert_path = g_build_filename (dir, "cert.pem", NULL);
  g_autofree char *key_path = g_build_filename (dir, "key.pem", NULL);
  g_autofree char *errors = NULL;
  g_autoptr(GError) error = NULL;
  GTlsCertificate *certificate;
  const char *argv[] = {
    "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
    "-nodes", "-days", "2", "-subj", "/CN=localhost",
    "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
    "-keyout", key_path, "-out", cert_path, NULL
  };
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                               NULL, NULL, NULL, &errors, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("openssl failed: %s", errors);

  certificate = g_tls_certificate_new_from_files (cert_path, key_path, &error);
  g_assert_no_error (error);
  return certificate;
}

/* A plain-http server's answer to a TLS hello: it is not a request, 400. */
static gboolean
plain_http_incoming_cb (GSocketService     *service,
                        GSocketConnection  *connection,
                        GObject            *source,
                        gpointer            user_data)
{
  static const char answer[] = "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
  GOutputStream *output = g_io_stream_get_output_stream (G_IO_STREAM (connection));

  g_output_stream_write_all (output, answer, strlen (answer), NULL, NULL, NULL);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  return TRUE;
}

static void
test_untrusted_certificate (void)
{
  g_autoptr(TandemAiClient) client = new_client ();
  g_autoptr(GTlsCertificate) certificate = make_self_signed_certificate ();
  g_autoptr(SoupServer) tls_server = soup_server_new ("tls-certificate", certificate, NULL);
  g_autoptr(TandemAiProvider) provider = NULL;
  g_autoptr(TandemAiProvider) not_tls = NULL;
  g_autoptr(TandemAiChatRequest) request = simple_request ("gpt-test");
  g_autoptr(GPtrArray) models = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *https_to_http = NULL;
  g_autoptr(GSocketService) plain = g_socket_service_new ();
  guint16 plain_port;
  TandemAiEvent *event;
  GSList *uris;
  Turn turn = { 0 };
  gint64 start;

  soup_server_add_handler (tls_server, NULL, server_cb, NULL, NULL);
  g_assert_true (soup_server_listen_local (tls_server, 0,
                                           SOUP_SERVER_LISTEN_HTTPS | SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (tls_server);
  url = g_strdup_printf ("https://localhost:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  /* The answer would be there, but the certificate is not trusted: one clear error, no
   * retry, and nothing (not the key) reaches the server. */
  scenario_reset ();
  scenario.chunks[0] = OPENAI_STREAM_1 OPENAI_STREAM_2 OPENAI_STREAM_3;
  provider = tandem_ai_openai_new (url, "sk-secret", NULL);
  start = g_get_monotonic_time ();
  run_turn (client, provider, request, &turn);
  g_assert_error (turn.error, TANDEM_AI_ERROR, TANDEM_AI_ERROR_TLS);
  g_assert_nonnull (strstr (turn.error->message, "The certificate of localhost:"));
  g_assert_nonnull (strstr (turn.error->message, "is not trusted"));
  g_assert_nonnull (strstr (turn.error->message, "self-signed"));
  g_assert_cmpuint (count_events (&turn, TANDEM_AI_EVENT_RETRY), ==, 0);
  g_assert_cmpuint (count_events (&turn, TANDEM_AI_EVENT_TEXT_DELTA), ==, 0);
  event = find_event (&turn, TANDEM_AI_EVENT_ERROR, 0);
  g_assert_nonnull (event);
  g_assert_cmpint (event->error_kind, ==, TANDEM_AI_ERROR_TLS);
  g_assert_cmpstr (event->text, ==, turn.error->message);
  g_assert_cmpuint (scenario.n_requests, ==, 0);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  turn_clear (&turn);

  /* Listing the models says the same. */
  models = list_models (client, provider, &error);
  g_assert_null (models);
  g_assert_error (error, TANDEM_AI_ERROR, TANDEM_AI_ERROR_TLS);
  g_assert_nonnull (strstr (error->message, "is not trusted"));
  g_assert_cmpuint (scenario.n_requests, ==, 0);
  g_clear_error (&error);

  /* https:// to a server that only speaks http: says to use http://. */
  plain_port = g_socket_listener_add_any_inet_port (G_SOCKET_LISTENER (plain), NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (plain, "incoming", G_CALLBACK (plain_http_incoming_cb), NULL);
  https_to_http = g_strdup_printf ("https://127.0.0.1:%u", plain_port);
  not_tls = tandem_ai_openai_new (https_to_http, NULL, NULL);
  memset (&turn, 0, sizeof turn);
  run_turn (client, not_tls, request, &turn);
  g_assert_error (turn.error, TANDEM_AI_ERROR, TANDEM_AI_ERROR_TLS);
  g_assert_nonnull (strstr (turn.error->message, "use an http:// address"));
  g_assert_cmpuint (count_events (&turn, TANDEM_AI_EVENT_RETRY), ==, 0);
  turn_clear (&turn);

  g_socket_service_stop (plain);
  soup_server_disconnect (tls_server);

  /* The TLS handshakes ran in pool threads that now hold GnuTLS's thread-local data;
   * LeakSanitizer's thread walk at exit trips over that data (a fault of the tool, with
   * the dynamic TLS of a loaded module: "Tracer caught signal 11"). Idle threads are
   * kept for a while: make them idle out, then end them. */
  g_clear_object (&client);
  g_thread_pool_set_max_idle_time (100);
  tandem_test_spin (700);
  g_thread_pool_stop_unused_threads ();
  tandem_test_spin (100);
}

static void
test_retry_after_parsing (void)
{
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_seconds (now, 30);
  g_autofree char *date = soup_date_time_to_string (later, SOUP_DATE_HTTP);
  gint64 ms;

  g_assert_cmpint (tandem_ai_client_parse_retry_after (headers), ==, -1);
  soup_message_headers_replace (headers, "retry-after", "1.5");
  g_assert_cmpint (tandem_ai_client_parse_retry_after (headers), ==, 1500);
  soup_message_headers_replace (headers, "retry-after-ms", "250");
  g_assert_cmpint (tandem_ai_client_parse_retry_after (headers), ==, 250);
  soup_message_headers_remove (headers, "retry-after-ms");
  soup_message_headers_replace (headers, "retry-after", "121");
  g_assert_cmpint (tandem_ai_client_parse_retry_after (headers), ==, G_MAXINT64);
  soup_message_headers_replace (headers, "retry-after", date);
  ms = tandem_ai_client_parse_retry_after (headers);
  g_assert_cmpint (ms, >, 25000);
  g_assert_cmpint (ms, <=, 30000);
}

static void
test_proxy_bypass (void)
{
  g_autoptr(GProxyResolver) inner = g_simple_proxy_resolver_new ("http://proxy.invalid:3128", NULL);
  g_autoptr(GProxyResolver) resolver = tandem_ai_proxy_resolver_new (inner);
  g_auto(GStrv) remote = NULL;
  g_auto(GStrv) local = NULL;
  g_auto(GStrv) named = NULL;
  g_auto(GStrv) v6 = NULL;

  remote = g_proxy_resolver_lookup (resolver, "https://api.openai.com/v1/models", NULL, NULL);
  g_assert_cmpstr (remote[0], ==, "http://proxy.invalid:3128");
  local = g_proxy_resolver_lookup (resolver, "http://127.0.0.1:11434/api/chat", NULL, NULL);
  g_assert_cmpstr (local[0], ==, "direct://");
  named = g_proxy_resolver_lookup (resolver, "http://localhost:8080/v1/models", NULL, NULL);
  g_assert_cmpstr (named[0], ==, "direct://");
  v6 = g_proxy_resolver_lookup (resolver, "http://[::1]:8080/", NULL, NULL);
  g_assert_cmpstr (v6[0], ==, "direct://");

  /* The app's session uses it. */
  g_assert_true (TANDEM_IS_AI_CLIENT (tandem_ai_client_get_default ()));
  g_assert_nonnull (soup_session_get_proxy_resolver (tandem_ai_client_get_session (tandem_ai_client_get_default ())));
}

static void
test_events_and_uris (void)
{
  g_autoptr(TandemAiEvent) bad = tandem_ai_event_new_tool_end (0, "id", "name", "{\"path\": ");
  g_autoptr(TandemAiEvent) empty = tandem_ai_event_new_tool_end (1, "id", "name", "");
  g_autoptr(TandemAiEvent) array = tandem_ai_event_new_tool_end (2, "id", "name", "[1]");
  g_autoptr(TandemAiProvider) a = tandem_ai_openai_new ("https://api.openai.com/v1/", NULL, NULL);
  g_autoptr(TandemAiProvider) b = tandem_ai_openai_new ("http://127.0.0.1:8080", NULL, NULL);
  g_autoptr(TandemAiProvider) c = tandem_ai_openai_new ("not a url", NULL, NULL);
  g_autoptr(GUri) ua = tandem_ai_provider_build_uri (a, "/v1/chat/completions", NULL);
  g_autoptr(GUri) ub = tandem_ai_provider_build_uri (b, "/v1/chat/completions", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) uc = tandem_ai_provider_build_uri (c, "/v1/models", &error);
  g_autofree char *sa = g_uri_to_string (ua);
  g_autofree char *sb = g_uri_to_string (ub);

  /* A broken argument text is kept and reported, not fatal. */
  g_assert_null (bad->args);
  g_assert_error (bad->args_error, TANDEM_AI_ERROR, TANDEM_AI_ERROR_MALFORMED);
  g_assert_cmpstr (bad->text, ==, "{\"path\": ");
  g_assert_true (JSON_NODE_HOLDS_OBJECT (empty->args));
  g_assert_null (array->args);
  g_assert_nonnull (array->args_error);

  g_assert_cmpstr (sa, ==, "https://api.openai.com/v1/chat/completions");
  g_assert_cmpstr (sb, ==, "http://127.0.0.1:8080/v1/chat/completions");
  g_assert_null (uc);
  g_assert_error (error, TANDEM_AI_ERROR, TANDEM_AI_ERROR_BAD_REQUEST);
  g_assert_cmpstr (tandem_ai_provider_get_key_host (a), ==, "api.openai.com");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  GSList *uris;
  int ret;

  tandem_test_init (&argc, &argv);

  server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server, NULL, server_cb, NULL, NULL);
  if (!soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    g_error ("Could not listen: %s", error->message);
  uris = soup_server_get_uris (server);
  server_port = g_uri_get_port (uris->data);
  base_url = g_strdup_printf ("http://127.0.0.1:%u", server_port);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_test_add_func ("/ai/providers/openai/stream", test_openai_stream);
  g_test_add_func ("/ai/providers/openai/one-byte-chunks", test_openai_one_byte_chunks);
  g_test_add_func ("/ai/providers/openai/tool-calls", test_openai_tool_calls);
  g_test_add_func ("/ai/providers/openai/midstream-error", test_openai_midstream_error);
  g_test_add_func ("/ai/providers/anthropic/stream", test_anthropic_stream);
  g_test_add_func ("/ai/providers/anthropic/error-event", test_anthropic_error_event);
  g_test_add_func ("/ai/providers/ollama/stream", test_ollama_stream);
  g_test_add_func ("/ai/providers/ollama/midstream-error", test_ollama_midstream_error);
  g_test_add_func ("/ai/providers/malformed-json", test_malformed_json);
  g_test_add_func ("/ai/providers/http-errors", test_http_errors);
  g_test_add_func ("/ai/providers/retry-after", test_retry_after_then_success);
  g_test_add_func ("/ai/providers/server-errors-retried", test_server_errors_retried);
  g_test_add_func ("/ai/providers/connection-refused", test_connection_refused);
  g_test_add_func ("/ai/providers/untrusted-certificate", test_untrusted_certificate);
  g_test_add_func ("/ai/providers/timeouts", test_timeouts);
  g_test_add_func ("/ai/providers/cut-stream", test_cut_stream);
  g_test_add_func ("/ai/providers/key-only-to-its-host", test_key_only_to_its_host);
  g_test_add_func ("/ai/providers/plain-http-refused", test_plain_http_refused);
  g_test_add_func ("/ai/providers/stop-closes-connection", test_stop_closes_connection);
  g_test_add_func ("/ai/providers/models", test_models);
  g_test_add_func ("/ai/providers/retry-after-parsing", test_retry_after_parsing);
  g_test_add_func ("/ai/providers/proxy-bypass", test_proxy_bypass);
  g_test_add_func ("/ai/providers/events-and-uris", test_events_and_uris);

  ret = g_test_run ();

  scenario_reset ();
  soup_server_disconnect (server);
  g_clear_object (&server);
  g_free (base_url);
  return ret;
}
