/* test-ai-chat.c
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

/* The chat panel end to end, as a user drives it: a question with the current file
 * attached goes to a real HTTP server speaking OpenAI's streaming format, the answer
 * streams in as Markdown with a code block, Insert at Cursor puts the code in the
 * editor, Stop closes the connection and keeps the partial answer, errors show in the
 * conversation, and the conversation is there again in a new panel. */

#include "config.h"

#include <adwaita.h>
#include <libsoup/soup.h>
#include <gtksourceview/gtksource.h>

#include "tandem-ai-chat-panel.h"
#include "tandem-ai-client.h"
#include "tandem-ai-openai.h"
#include "tandem-ai-message.h"
#include "tandem-ai-provider-list.h"
#include "tandem-markdown-view.h"
#include "tandem-test.h"

static const char *answer_chunks[] = {
  "Here is a *greeting*:\n\n",
  "```c\nputs (\"hello\");\n",
  "```\n\nDone.",
  NULL,
};

typedef struct
{
  SoupServer *server;
  char       *base_url;
  GPtrArray  *bodies;
  char       *last_authorization;
  guint       status;        /* non-zero: answer with this error */
  guint       chunk_ms;
  gboolean    forever;       /* keep streaming until the client goes away */
  gint64      disconnected_at;
} Server;

static Server server;

typedef struct
{
  SoupServerMessage *msg;
  guint              index;
  guint              source;
  gboolean           gone;
} Stream;

static char *
chunk_json (const char *text)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "object");
  json_builder_add_string_value (builder, "chat.completion.chunk");
  json_builder_set_member_name (builder, "model");
  json_builder_add_string_value (builder, "test-model");
  json_builder_set_member_name (builder, "choices");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "index");
  json_builder_add_int_value (builder, 0);
  json_builder_set_member_name (builder, "delta");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "content");
  json_builder_add_string_value (builder, text);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json = json_to_string (root, FALSE);

  return g_strdup_printf ("data: %s\n\n", json);
}

static void
stream_free (Stream *stream)
{
  g_clear_handle_id (&stream->source, g_source_remove);
  g_free (stream);
}

static void
stream_gone_cb (SoupServerMessage *msg,
                Stream            *stream)
{
  if (!stream->gone)
    {
      stream->gone = TRUE;
      server.disconnected_at = g_get_monotonic_time ();
      g_clear_handle_id (&stream->source, g_source_remove);
    }
}

static gboolean
stream_next_cb (gpointer data)
{
  Stream *stream = data;
  SoupMessageBody *body = soup_server_message_get_response_body (stream->msg);
  const char *text = answer_chunks[stream->index];

  if (text == NULL && server.forever)
    text = "more ";
  else if (text != NULL)
    stream->index++;

  if (text == NULL)
    {
      const char *tail = "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n"
                         "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":42,\"completion_tokens\":17}}\n\n"
                         "data: [DONE]\n\n";

      soup_message_body_append (body, SOUP_MEMORY_COPY, tail, strlen (tail));
      soup_message_body_complete (body);
      soup_server_message_unpause (stream->msg);
      stream->source = 0;
      return G_SOURCE_REMOVE;
    }

  {
    g_autofree char *chunk = chunk_json (text);

    soup_message_body_append (body, SOUP_MEMORY_COPY, chunk, strlen (chunk));
  }
  soup_server_message_unpause (stream->msg);

  return G_SOURCE_CONTINUE;
}

static void
server_cb (SoupServer        *soup_server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  g_autoptr(GBytes) bytes = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  Stream *stream;

  g_ptr_array_add (server.bodies, g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes)));
  g_free (server.last_authorization);
  server.last_authorization = g_strdup (soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                                      "Authorization"));

  if (server.status != 0)
    {
      static const char body[] = "{\"error\":{\"message\":\"Incorrect API key provided\",\"type\":\"invalid_request_error\"}}";

      soup_server_message_set_status (msg, server.status, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, body, strlen (body));
      return;
    }

  soup_server_message_set_status (msg, 200, NULL);
  soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  soup_message_headers_set_content_type (headers, "text/event-stream", NULL);

  stream = g_new0 (Stream, 1);
  stream->msg = msg;
  g_signal_connect (msg, "disconnected", G_CALLBACK (stream_gone_cb), stream);
  g_signal_connect (msg, "finished", G_CALLBACK (stream_gone_cb), stream);
  g_object_set_data_full (G_OBJECT (msg), "stream", stream, (GDestroyNotify)stream_free);
  soup_server_message_pause (msg);
  stream->source = g_timeout_add (server.chunk_ms, stream_next_cb, stream);
}

static void
server_reset (guint    status,
              guint    chunk_ms,
              gboolean forever)
{
  g_ptr_array_set_size (server.bodies, 0);
  server.status = status;
  server.chunk_ms = chunk_ms;
  server.forever = forever;
  server.disconnected_at = 0;
}

static gboolean
not_busy (gpointer data)
{
  return !tandem_ai_chat_panel_get_busy (data);
}

static gboolean
has_partial_text (gpointer data)
{
  GListModel *messages = tandem_ai_chat_panel_get_messages (data);
  guint n = g_list_model_get_n_items (messages);
  g_autoptr(TandemAiMessage) last = n ? g_list_model_get_item (messages, n - 1) : NULL;

  return last != NULL && tandem_ai_message_get_role (last) == TANDEM_AI_MESSAGE_ROLE_ASSISTANT &&
         tandem_ai_message_get_text (last)[0] != '\0';
}

static TandemAiMessage *
dup_last_message (TandemAiChatPanel *panel)
{
  GListModel *messages = tandem_ai_chat_panel_get_messages (panel);

  return g_list_model_get_item (messages, g_list_model_get_n_items (messages) - 1);
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *tooltip)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, tooltip);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_labelled_button (GtkWidget  *widget,
                      const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_labelled_button (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

typedef struct
{
  char             *project;
  GFile            *root;
  GFile            *file;
  GtkSourceBuffer  *buffer;
  GtkWidget        *window;
  TandemAiChatPanel *panel;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  static guint counter;
  g_autofree char *name = g_strdup_printf ("chat-project-%u", ++counter);

  fixture->project = tandem_test_make_dir (name);
  fixture->root = g_file_new_for_path (fixture->project);
  fixture->file = tandem_test_write_file (fixture->project, "main.c", "int main (void) { return 0; }\n", -1);
  fixture->buffer = gtk_source_buffer_new (NULL);
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (fixture->buffer), "int main (void) { return 0; }\n", -1);

  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 500, 700);
  fixture->panel = TANDEM_AI_CHAT_PANEL (tandem_ai_chat_panel_new (fixture->root));
  gtk_window_set_child (GTK_WINDOW (fixture->window), GTK_WIDGET (fixture->panel));
  gtk_window_present (GTK_WINDOW (fixture->window));
  tandem_ai_chat_panel_set_editor (GTK_WIDGET (fixture->panel), GTK_TEXT_BUFFER (fixture->buffer),
                                   fixture->file, "C");
  tandem_test_spin (100);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  tandem_test_spin (50);
  g_clear_object (&fixture->buffer);
  g_clear_object (&fixture->file);
  g_clear_object (&fixture->root);
  g_clear_pointer (&fixture->project, g_free);
}

static void
test_chat_streams_markdown (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(TandemAiMessage) answer = NULL;
  TandemMarkdownView *view;
  GtkWidget *insert;
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  const char *body;

  server_reset (0, 30, FALSE);

  /* The cursor is at the start of the file; the code goes there. */
  gtk_text_buffer_get_start_iter (GTK_TEXT_BUFFER (fixture->buffer), &start);
  gtk_text_buffer_place_cursor (GTK_TEXT_BUFFER (fixture->buffer), &start);

  tandem_ai_chat_panel_send_text (fixture->panel, "Say hello in C");
  g_assert_true (tandem_ai_chat_panel_get_busy (fixture->panel));
  g_assert_true (tandem_test_wait_until (not_busy, fixture->panel, 10000));

  /* The request carried the model, the question and the open file. */
  g_assert_cmpuint (server.bodies->len, ==, 1);
  body = g_ptr_array_index (server.bodies, 0);
  g_assert_nonnull (strstr (body, "\"model\":\"test-model\""));
  g_assert_nonnull (strstr (body, "Say hello in C"));
  g_assert_nonnull (strstr (body, "<context>"));
  g_assert_nonnull (strstr (body, "main.c"));
  g_assert_nonnull (strstr (body, "\"stream\":true"));

  answer = dup_last_message (fixture->panel);
  g_assert_cmpint (tandem_ai_message_get_state (answer), ==, TANDEM_AI_MESSAGE_STATE_COMPLETE);
  g_assert_cmpstr (tandem_ai_message_get_text (answer), ==,
                   "Here is a *greeting*:\n\n```c\nputs (\"hello\");\n```\n\nDone.");
  g_assert_cmpint (tandem_ai_message_get_input_tokens (answer), ==, 42);
  g_assert_cmpint (tandem_ai_message_get_output_tokens (answer), ==, 17);

  /* Rendered: a paragraph with emphasis, a code block, a paragraph. */
  view = TANDEM_MARKDOWN_VIEW (tandem_ai_chat_panel_get_last_answer_view (fixture->panel));
  g_assert_cmpuint (tandem_markdown_view_get_n_blocks (view), ==, 3);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (tandem_markdown_view_get_block (view, 0))), ==,
                   "Here is a <i>greeting</i>:");

  /* Insert at Cursor puts the code into the editor. */
  insert = find_button (tandem_markdown_view_get_block (view, 1), "Insert at Cursor");
  g_assert_nonnull (insert);
  g_signal_emit_by_name (insert, "clicked");
  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (fixture->buffer), &start, &end);
  text = gtk_text_buffer_get_text (GTK_TEXT_BUFFER (fixture->buffer), &start, &end, TRUE);
  g_assert_cmpstr (text, ==, "puts (\"hello\");int main (void) { return 0; }\n");
}

static gboolean
has_messages (gpointer data)
{
  return g_list_model_get_n_items (tandem_ai_chat_panel_get_messages (data)) == 2;
}

static void
test_chat_restored (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkWidget *window;
  TandemAiChatPanel *panel;
  g_autoptr(TandemAiMessage) answer = NULL;

  server_reset (0, 10, FALSE);
  tandem_ai_chat_panel_send_text (fixture->panel, "Remember me");
  g_assert_true (tandem_test_wait_until (not_busy, fixture->panel, 10000));
  tandem_test_spin (300);

  /* A new panel for the project (as after a restart) opens the newest conversation. */
  window = gtk_window_new ();
  panel = TANDEM_AI_CHAT_PANEL (tandem_ai_chat_panel_new (fixture->root));
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (panel));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (tandem_test_wait_until (has_messages, panel, 5000));
  answer = dup_last_message (panel);
  g_assert_nonnull (strstr (tandem_ai_message_get_text (answer), "Done."));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The contents of the user messages of request @n, in order. */
static GPtrArray *
dup_user_contents (guint n)
{
  g_autoptr(JsonNode) root = json_from_string (g_ptr_array_index (server.bodies, n), NULL);
  JsonArray *messages;
  GPtrArray *contents = g_ptr_array_new_with_free_func (g_free);

  g_assert_nonnull (root);
  messages = json_object_get_array_member (json_node_get_object (root), "messages");
  for (guint i = 0; i < json_array_get_length (messages); i++)
    {
      JsonObject *message = json_array_get_object_element (messages, i);

      if (g_strcmp0 (json_object_get_string_member (message, "role"), "user") == 0)
        g_ptr_array_add (contents, g_strdup (json_object_get_string_member (message, "content")));
    }

  return contents;
}

static void
test_chat_earlier_context_resent (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GFile) other = tandem_test_write_file (fixture->project, "other.c", "int other_thing;\n", -1);
  g_autoptr(GtkSourceBuffer) other_buffer = gtk_source_buffer_new (NULL);
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;

  server_reset (0, 10, FALSE);
  tandem_ai_chat_panel_send_text (fixture->panel, "What does main do?");
  g_assert_true (tandem_test_wait_until (not_busy, fixture->panel, 10000));

  /* The user moves to another file and asks again. */
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (other_buffer), "int other_thing;\n", -1);
  tandem_ai_chat_panel_set_editor (GTK_WIDGET (fixture->panel), GTK_TEXT_BUFFER (other_buffer), other, "C");
  tandem_test_spin (300);
  tandem_ai_chat_panel_send_text (fixture->panel, "And this one?");
  g_assert_true (tandem_test_wait_until (not_busy, fixture->panel, 10000));
  g_assert_cmpuint (server.bodies->len, ==, 2);

  first = dup_user_contents (0);
  g_assert_cmpuint (first->len, ==, 1);
  g_assert_nonnull (strstr (first->pdata[0], "int main (void) { return 0; }"));

  /* The second request carries the first question with its own file, then the new one
   * with the file open now. */
  second = dup_user_contents (1);
  g_assert_cmpuint (second->len, ==, 2);
  g_assert_nonnull (strstr (second->pdata[0], "<context>"));
  g_assert_nonnull (strstr (second->pdata[0], "main.c"));
  g_assert_nonnull (strstr (second->pdata[0], "int main (void) { return 0; }"));
  g_assert_nonnull (strstr (second->pdata[0], "What does main do?"));
  g_assert_cmpstr (second->pdata[0], ==, first->pdata[0]);
  g_assert_nonnull (strstr (second->pdata[1], "int other_thing;"));
  g_assert_null (strstr (second->pdata[1], "int main (void)"));
  g_assert_nonnull (strstr (second->pdata[1], "And this one?"));

  /* Let the conversation be saved before the next test. */
  tandem_test_spin (300);
}

static void
test_chat_stop (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(TandemAiMessage) answer = NULL;
  gint64 stopped_at;

  server_reset (0, 20, TRUE);
  tandem_ai_chat_panel_send_text (fixture->panel, "Talk forever");
  g_assert_true (tandem_test_wait_until (has_partial_text, fixture->panel, 10000));

  stopped_at = g_get_monotonic_time ();
  tandem_ai_chat_panel_stop (fixture->panel);
  g_assert_true (tandem_test_wait_until (not_busy, fixture->panel, 5000));
  tandem_test_spin (300);

  /* The server saw the connection close at once; the partial answer is kept. */
  g_assert_cmpint (server.disconnected_at, >, 0);
  g_assert_cmpint (server.disconnected_at - stopped_at, <, 200 * 1000);
  answer = dup_last_message (fixture->panel);
  g_assert_cmpint (tandem_ai_message_get_state (answer), ==, TANDEM_AI_MESSAGE_STATE_STOPPED);
  g_assert_true (g_str_has_prefix (tandem_ai_message_get_text (answer), "Here is a"));
}

static void
test_chat_error (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(TandemAiMessage) answer = NULL;

  server_reset (401, 10, FALSE);
  tandem_ai_chat_panel_send_text (fixture->panel, "Hello?");
  g_assert_true (tandem_test_wait_until (not_busy, fixture->panel, 10000));

  /* The failure is a message in the conversation, with Retry and a way to fix the key. */
  answer = dup_last_message (fixture->panel);
  g_assert_cmpint (tandem_ai_message_get_state (answer), ==, TANDEM_AI_MESSAGE_STATE_ERROR);
  g_assert_nonnull (tandem_ai_message_get_error_text (answer));
  g_assert_nonnull (find_labelled_button (GTK_WIDGET (fixture->panel), "_Retry"));
  g_assert_nonnull (find_labelled_button (GTK_WIDGET (fixture->panel), "Open _Preferences"));

  /* Retry, now that the server works, answers in the same conversation. */
  server_reset (0, 10, FALSE);
  g_signal_emit_by_name (find_labelled_button (GTK_WIDGET (fixture->panel), "_Retry"), "clicked");
  g_assert_true (tandem_test_wait_until (not_busy, fixture->panel, 10000));
  g_clear_object (&answer);
  answer = dup_last_message (fixture->panel);
  g_assert_cmpint (tandem_ai_message_get_state (answer), ==, TANDEM_AI_MESSAGE_STATE_COMPLETE);

  /* The retried question went out with its context again. */
  {
    g_autoptr(GPtrArray) contents = dup_user_contents (server.bodies->len - 1);

    g_assert_cmpuint (contents->len, ==, 1);
    g_assert_nonnull (strstr (contents->pdata[0], "int main (void) { return 0; }"));
    g_assert_nonnull (strstr (contents->pdata[0], "Hello?"));
  }
}

static void
test_chat_quick_action_while_history_loads (Fixture       *fixture,
                                            gconstpointer  data)
{
  GtkWidget *window;
  TandemAiChatPanel *panel;
  g_autoptr(TandemAiMessage) question = NULL;
  GtkTextIter start, end;

  /* The project has a saved conversation that a new panel opens in the background. */
  server_reset (0, 10, FALSE);
  tandem_ai_chat_panel_send_text (fixture->panel, "First question");
  g_assert_true (tandem_test_wait_until (not_busy, fixture->panel, 10000));
  tandem_test_spin (300);

  /* A quick action right away must not be swapped out (or freed) by that load. */
  window = gtk_window_new ();
  panel = TANDEM_AI_CHAT_PANEL (tandem_ai_chat_panel_new (fixture->root));
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (panel));
  gtk_window_present (GTK_WINDOW (window));
  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (fixture->buffer), &start, &end);
  gtk_text_buffer_select_range (GTK_TEXT_BUFFER (fixture->buffer), &start, &end);
  tandem_ai_chat_panel_set_editor (GTK_WIDGET (panel), GTK_TEXT_BUFFER (fixture->buffer), fixture->file, "C");
  tandem_ai_chat_panel_quick_action (GTK_WIDGET (panel), TANDEM_AI_QUICK_EXPLAIN);
  g_assert_true (tandem_ai_chat_panel_get_busy (panel));
  g_assert_true (tandem_test_wait_until (not_busy, panel, 10000));
  tandem_test_spin (300);

  g_assert_cmpuint (g_list_model_get_n_items (tandem_ai_chat_panel_get_messages (panel)), ==, 2);
  question = g_list_model_get_item (tandem_ai_chat_panel_get_messages (panel), 0);
  g_assert_true (g_str_has_prefix (tandem_ai_message_get_text (question), "Explain the selected C code from main.c"));
  g_assert_nonnull (strstr (g_ptr_array_index (server.bodies, server.bodies->len - 1), "<selections>"));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Every log line of the process, debug included, to check that no key is ever logged. */
static GString *log_text;

static GLogWriterOutput
capture_writer (GLogLevelFlags   level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    if (fields[i].length < 0 && fields[i].value != NULL)
      g_string_append_printf (log_text, "%s=%s\n", fields[i].key, (const char *)fields[i].value);

  /* Captured only: printed debug lines would break the TAP output. */
  if (level & (G_LOG_LEVEL_DEBUG | G_LOG_LEVEL_INFO))
    return G_LOG_WRITER_HANDLED;

  return g_log_writer_default (level, fields, n_fields, user_data);
}

static void
count_event_cb (TandemAiEvent *event,
                gpointer       user_data)
{
  (*(guint *)user_data)++;
}

static gboolean
file_contains (const char *dir,
               const char *needle)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize len = 0;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          if (file_contains (path, needle))
            return TRUE;
        }
      else if (g_file_get_contents (path, &contents, &len, NULL) &&
               g_strstr_len (contents, len, needle) != NULL)
        return TRUE;
    }

  return FALSE;
}

static void
test_key_never_logged (void)
{
  static const char key[] = "sk-tandem-test-SECRET-7f3a9c";
  g_autoptr(TandemAiProvider) provider = NULL;
  g_autoptr(TandemAiChatRequest) request = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = g_strdup_printf ("Bearer %s", key);
  guint events = 0;

  server_reset (0, 5, FALSE);
  provider = tandem_ai_openai_new (server.base_url, key, "127.0.0.1");
  request = tandem_ai_chat_request_new ("test-model");
  tandem_ai_chat_request_add_message (request, TANDEM_AI_ROLE_USER, "Hello");

  tandem_ai_client_stream_chat_async (tandem_ai_client_get_default (), provider, request,
                                      count_event_cb, &events, NULL, NULL,
                                      tandem_test_store_result_cb, &result);
  tandem_test_wait_result (&result, 10000);
  g_assert_true (tandem_ai_client_stream_chat_finish (tandem_ai_client_get_default (), result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (events, >, 0);

  /* The key went to its host, and nowhere else: not in any log line, not in any file. */
  g_assert_cmpstr (server.last_authorization, ==, expected);
  g_assert_null (strstr (log_text->str, key));
  g_assert_false (file_contains (tandem_test_get_tmpdir (), key));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(TandemAiProviderList) providers = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSList) uris = NULL;
  TandemAiProviderConfig *config;
  int ret;

  /* Debug messages are produced (and captured) too. */
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  log_text = g_string_new (NULL);
  g_log_set_writer_func (capture_writer, NULL, NULL);

  tandem_test_init_gtk (&argc, &argv);

  server.bodies = g_ptr_array_new_with_free_func (g_free);
  server.server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server.server, NULL, server_cb, NULL, NULL);
  g_assert_true (soup_server_listen_local (server.server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server.server);
  server.base_url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify)g_uri_unref);

  /* A local OpenAI-compatible endpoint, as a user would add in Preferences → AI. */
  providers = tandem_ai_provider_list_new (NULL);
  config = tandem_ai_provider_list_add (providers, TANDEM_AI_PROVIDER_KIND_OPENAI_COMPATIBLE);
  tandem_ai_provider_config_set_name (config, "Local");
  tandem_ai_provider_config_set_base_url (config, server.base_url);
  tandem_ai_provider_config_set_model (config, "test-model");

  g_test_add ("/ai-chat/streams-markdown", Fixture, NULL, fixture_set_up, test_chat_streams_markdown, fixture_tear_down);
  g_test_add ("/ai-chat/restored", Fixture, NULL, fixture_set_up, test_chat_restored, fixture_tear_down);
  g_test_add ("/ai-chat/stop", Fixture, NULL, fixture_set_up, test_chat_stop, fixture_tear_down);
  g_test_add ("/ai-chat/earlier-context-resent", Fixture, NULL, fixture_set_up, test_chat_earlier_context_resent,
              fixture_tear_down);
  g_test_add ("/ai-chat/error", Fixture, NULL, fixture_set_up, test_chat_error, fixture_tear_down);
  g_test_add_func ("/ai-chat/key-never-logged", test_key_never_logged);
  g_test_add ("/ai-chat/quick-action-while-history-loads", Fixture, NULL, fixture_set_up,
              test_chat_quick_action_while_history_loads, fixture_tear_down);

  ret = g_test_run ();

  g_clear_object (&server.server);
  g_clear_pointer (&server.bodies, g_ptr_array_unref);
  g_clear_pointer (&server.base_url, g_free);
  g_clear_pointer (&server.last_authorization, g_free);
  g_string_free (log_text, TRUE);

  return ret;
}
