/* test-ai-conversation.c
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
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "tandem-ai-conversation-store.h"
#include "tandem-test.h"

#define PROJECT "/home/user/src/hello"
#define LIST_PROJECT "/home/user/src/list"
#define TIMEOUT_MS 10000

static TandemAiConversation *
make_conversation (void)
{
  TandemAiConversation *conversation = tandem_ai_conversation_new (PROJECT);
  g_autoptr(TandemAiMessage) system = tandem_ai_message_new (TANDEM_AI_MESSAGE_ROLE_SYSTEM, "Be brief.");
  g_autoptr(TandemAiMessage) user = tandem_ai_message_new (TANDEM_AI_MESSAGE_ROLE_USER, "Explain “main” ☃\n");
  g_autoptr(TandemAiMessage) answer = tandem_ai_message_new (TANDEM_AI_MESSAGE_ROLE_ASSISTANT, NULL);
  g_autoptr(TandemAiMessage) tool = tandem_ai_message_new (TANDEM_AI_MESSAGE_ROLE_TOOL, "{\"ok\":true}");
  g_autoptr(TandemAiMessage) failed = tandem_ai_message_new (TANDEM_AI_MESSAGE_ROLE_ASSISTANT, "Half");

  tandem_ai_conversation_set_title (conversation, "About main");
  tandem_ai_conversation_set_provider (conversation, "0c6e0f5e-0000-4000-8000-000000000001", "llama3:8b");
  tandem_ai_message_add_context_item (user, "src/main.c", 3, 17);
  tandem_ai_message_add_context_item (user, "README.md", 0, 0);
  tandem_ai_message_set_context_text (user, "<context>\n<files>\n<file path=\"src/main.c\">int main;</file>\n</files>\n</context>\n");
  tandem_ai_message_set_model (answer, "llama3:8b");
  tandem_ai_message_set_state (answer, TANDEM_AI_MESSAGE_STATE_STREAMING);
  tandem_ai_message_append_text (answer, "It is ");
  tandem_ai_message_append_text (answer, "the entry point.");
  tandem_ai_message_set_usage (answer, 120, 7);
  tandem_ai_message_add_tool_call (answer, "{\"id\":\"call_1\",\"function\":{\"name\":\"read_file\",\"arguments\":\"{\\\"path\\\":\\\"a.c\\\"}\"}}");
  tandem_ai_message_set_tool_call_id (tool, "call_1");
  tandem_ai_message_set_error (failed, "The server closed the connection");

  tandem_ai_conversation_append (conversation, system);
  tandem_ai_conversation_append (conversation, user);
  tandem_ai_conversation_append (conversation, answer);
  tandem_ai_message_set_state (answer, TANDEM_AI_MESSAGE_STATE_STOPPED);
  tandem_ai_conversation_append (conversation, tool);
  tandem_ai_conversation_append (conversation, failed);

  return conversation;
}

static void
assert_same_message (TandemAiMessage *a,
                     TandemAiMessage *b)
{
  g_assert_cmpstr (tandem_ai_message_get_id (a), ==, tandem_ai_message_get_id (b));
  g_assert_cmpint (tandem_ai_message_get_role (a), ==, tandem_ai_message_get_role (b));
  g_assert_cmpstr (tandem_ai_message_get_text (a), ==, tandem_ai_message_get_text (b));
  g_assert_cmpstr (tandem_ai_message_get_model (a), ==, tandem_ai_message_get_model (b));
  g_assert_cmpint (tandem_ai_message_get_state (a), ==, tandem_ai_message_get_state (b));
  g_assert_cmpstr (tandem_ai_message_get_error_text (a), ==, tandem_ai_message_get_error_text (b));
  g_assert_cmpint (tandem_ai_message_get_created (a), ==, tandem_ai_message_get_created (b));
  g_assert_cmpint (tandem_ai_message_get_updated (a), ==, tandem_ai_message_get_updated (b));
  g_assert_cmpint (tandem_ai_message_get_input_tokens (a), ==, tandem_ai_message_get_input_tokens (b));
  g_assert_cmpint (tandem_ai_message_get_output_tokens (a), ==, tandem_ai_message_get_output_tokens (b));
  g_assert_cmpstr (tandem_ai_message_get_tool_call_id (a), ==, tandem_ai_message_get_tool_call_id (b));
  g_assert_cmpstr (tandem_ai_message_get_context_text (a), ==, tandem_ai_message_get_context_text (b));
  g_assert_cmpuint (tandem_ai_message_get_n_tool_calls (a), ==, tandem_ai_message_get_n_tool_calls (b));
  for (guint i = 0; i < tandem_ai_message_get_n_tool_calls (a); i++)
    g_assert_cmpstr (tandem_ai_message_get_tool_call (a, i), ==, tandem_ai_message_get_tool_call (b, i));
  g_assert_cmpuint (tandem_ai_message_get_n_context_items (a), ==, tandem_ai_message_get_n_context_items (b));
  for (guint i = 0; i < tandem_ai_message_get_n_context_items (a); i++)
    {
      const TandemAiContextItem *x = tandem_ai_message_get_context_item (a, i);
      const TandemAiContextItem *y = tandem_ai_message_get_context_item (b, i);

      g_assert_cmpstr (x->path, ==, y->path);
      g_assert_cmpuint (x->start_line, ==, y->start_line);
      g_assert_cmpuint (x->end_line, ==, y->end_line);
    }
}

static gboolean
save (TandemAiConversationStore *store,
      TandemAiConversation      *conversation,
      GError                   **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tandem_ai_conversation_store_save_async (store, conversation, NULL, tandem_test_store_result_cb, &result);
  return tandem_ai_conversation_store_save_finish (store, tandem_test_wait_result (&result, TIMEOUT_MS), error);
}

static TandemAiConversation *
load_from (TandemAiConversationStore *store,
           const char                *project,
           const char                *id,
           GError                   **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tandem_ai_conversation_store_load_async (store, project, id, NULL, tandem_test_store_result_cb, &result);
  return tandem_ai_conversation_store_load_finish (store, tandem_test_wait_result (&result, TIMEOUT_MS), error);
}

static TandemAiConversation *
load (TandemAiConversationStore *store,
      const char                *id,
      GError                   **error)
{
  return load_from (store, PROJECT, id, error);
}

static GListModel *
list (TandemAiConversationStore *store,
      const char                *project)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *model;

  tandem_ai_conversation_store_list_async (store, project, NULL, tandem_test_store_result_cb, &result);
  model = tandem_ai_conversation_store_list_finish (store, tandem_test_wait_result (&result, TIMEOUT_MS), &error);
  g_assert_no_error (error);
  return model;
}

static void
test_round_trip (void)
{
  g_autoptr(TandemAiConversationStore) store = tandem_ai_conversation_store_new (NULL);
  g_autoptr(TandemAiConversation) conversation = make_conversation ();
  g_autoptr(TandemAiConversation) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *data_dir = NULL;
  GStatBuf st;
  guint n;

  g_assert_true (save (store, conversation, &error));
  g_assert_no_error (error);

  /* Under $XDG_DATA_HOME/tandem/conversations, private to the user. */
  path = tandem_ai_conversation_store_dup_path (store, PROJECT, tandem_ai_conversation_get_id (conversation));
  data_dir = g_build_filename (g_get_user_data_dir (), "tandem", "conversations", NULL);
  g_assert_true (g_str_has_prefix (path, data_dir));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  loaded = load (store, tandem_ai_conversation_get_id (conversation), &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);

  g_assert_cmpstr (tandem_ai_conversation_get_id (loaded), ==, tandem_ai_conversation_get_id (conversation));
  g_assert_cmpstr (tandem_ai_conversation_get_title (loaded), ==, "About main");
  g_assert_cmpstr (tandem_ai_conversation_get_project_path (loaded), ==, PROJECT);
  g_assert_cmpstr (tandem_ai_conversation_get_provider_id (loaded), ==, "0c6e0f5e-0000-4000-8000-000000000001");
  g_assert_cmpstr (tandem_ai_conversation_get_model (loaded), ==, "llama3:8b");
  g_assert_cmpint (tandem_ai_conversation_get_created (loaded), ==, tandem_ai_conversation_get_created (conversation));
  g_assert_cmpint (tandem_ai_conversation_get_updated (loaded), ==, tandem_ai_conversation_get_updated (conversation));

  n = g_list_model_get_n_items (G_LIST_MODEL (conversation));
  g_assert_cmpuint (n, ==, 5);
  {
    g_autoptr(TandemAiMessage) user = g_list_model_get_item (G_LIST_MODEL (loaded), 1);

    /* The attached context came back with its question. */
    g_assert_nonnull (strstr (tandem_ai_message_get_context_text (user), "int main;"));
  }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (loaded)), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TandemAiMessage) a = g_list_model_get_item (G_LIST_MODEL (conversation), i);
      g_autoptr(TandemAiMessage) b = g_list_model_get_item (G_LIST_MODEL (loaded), i);

      assert_same_message (a, b);
    }
}

static void
count_cb (guint *count)
{
  (*count)++;
}

/* A message still streaming when saved comes back as stopped, with its text. */
static void
test_streaming_saved_as_stopped (void)
{
  g_autoptr(TandemAiConversation) conversation = tandem_ai_conversation_new (PROJECT);
  g_autoptr(TandemAiMessage) answer = tandem_ai_message_new (TANDEM_AI_MESSAGE_ROLE_ASSISTANT, "partial");
  g_autoptr(TandemAiConversation) loaded = NULL;
  g_autoptr(TandemAiMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  guint changed = 0;

  tandem_ai_message_set_state (answer, TANDEM_AI_MESSAGE_STATE_STREAMING);
  g_signal_connect_swapped (conversation, "changed", G_CALLBACK (count_cb), &changed);
  tandem_ai_conversation_append (conversation, answer);
  /* Streaming text does not ask for a save; the end of the stream does. */
  g_assert_cmpuint (changed, ==, 0);
  tandem_ai_message_append_text (answer, " more");
  g_assert_cmpuint (changed, ==, 0);

  json = tandem_ai_conversation_to_json (conversation, NULL);
  loaded = tandem_ai_conversation_new_from_json (json, -1, &error);
  g_assert_no_error (error);
  message = g_list_model_get_item (G_LIST_MODEL (loaded), 0);
  g_assert_cmpint (tandem_ai_message_get_state (message), ==, TANDEM_AI_MESSAGE_STATE_STOPPED);
  g_assert_cmpstr (tandem_ai_message_get_text (message), ==, "partial more");

  tandem_ai_message_set_state (answer, TANDEM_AI_MESSAGE_STATE_STOPPED);
  g_assert_cmpuint (changed, ==, 1);
}

static gboolean
file_exists_cb (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

/* A tracked conversation is written when a streamed answer ends. */
static void
test_track (void)
{
  g_autoptr(TandemAiConversationStore) store = tandem_ai_conversation_store_new (NULL);
  g_autoptr(TandemAiConversation) conversation = tandem_ai_conversation_new (PROJECT);
  g_autoptr(TandemAiMessage) answer = tandem_ai_message_new (TANDEM_AI_MESSAGE_ROLE_ASSISTANT, NULL);
  g_autoptr(TandemAiConversation) loaded = NULL;
  g_autoptr(TandemAiMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  path = tandem_ai_conversation_store_dup_path (store, PROJECT, tandem_ai_conversation_get_id (conversation));
  tandem_ai_conversation_store_track (store, conversation);

  tandem_ai_message_set_state (answer, TANDEM_AI_MESSAGE_STATE_STREAMING);
  tandem_ai_conversation_append (conversation, answer);
  tandem_ai_message_append_text (answer, "Hello");
  tandem_test_spin (100);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  tandem_ai_message_append_text (answer, ", world");
  tandem_ai_message_set_state (answer, TANDEM_AI_MESSAGE_STATE_COMPLETE);
  g_assert_true (tandem_test_wait_until (file_exists_cb, path, TIMEOUT_MS));
  tandem_test_spin (50);

  loaded = load (store, tandem_ai_conversation_get_id (conversation), &error);
  g_assert_no_error (error);
  message = g_list_model_get_item (G_LIST_MODEL (loaded), 0);
  g_assert_cmpstr (tandem_ai_message_get_text (message), ==, "Hello, world");
  g_assert_cmpint (tandem_ai_message_get_state (message), ==, TANDEM_AI_MESSAGE_STATE_COMPLETE);
}

static void
test_list_rename_delete (void)
{
  g_autoptr(TandemAiConversationStore) store = tandem_ai_conversation_store_new (NULL);
  g_autoptr(TandemAiConversation) first = tandem_ai_conversation_new (LIST_PROJECT);
  g_autoptr(TandemAiConversation) second = tandem_ai_conversation_new (LIST_PROJECT);
  g_autoptr(TandemAiConversation) other = tandem_ai_conversation_new ("/elsewhere");
  g_autoptr(TandemAiConversationInfo) info = NULL;
  g_autoptr(GListModel) model = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *first_path = NULL;

  tandem_ai_conversation_set_title (first, "First");
  g_assert_true (save (store, first, &error));
  g_usleep (2000);
  tandem_ai_conversation_set_title (second, "Second");
  g_assert_true (save (store, second, &error));
  g_assert_true (save (store, other, &error));
  g_assert_no_error (error);

  /* Only this project's conversations, the newest first. */
  model = list (store, LIST_PROJECT);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  info = g_list_model_get_item (model, 0);
  g_assert_cmpstr (tandem_ai_conversation_info_get_title (info), ==, "Second");
  g_assert_false (tandem_ai_conversation_info_get_damaged (info));
  g_clear_object (&info);
  g_clear_object (&model);

  tandem_ai_conversation_store_rename_async (store, LIST_PROJECT, tandem_ai_conversation_get_id (first),
                                             "Renamed", NULL, tandem_test_store_result_cb, &result);
  g_assert_true (tandem_ai_conversation_store_rename_finish (store, tandem_test_wait_result (&result, TIMEOUT_MS), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  model = list (store, LIST_PROJECT);
  info = g_list_model_get_item (model, 0);
  g_assert_cmpstr (tandem_ai_conversation_info_get_id (info), ==, tandem_ai_conversation_get_id (first));
  g_assert_cmpstr (tandem_ai_conversation_info_get_title (info), ==, "Renamed");
  g_clear_object (&info);
  g_clear_object (&model);

  tandem_ai_conversation_store_delete_async (store, LIST_PROJECT, tandem_ai_conversation_get_id (first),
                                             NULL, tandem_test_store_result_cb, &result);
  g_assert_true (tandem_ai_conversation_store_delete_finish (store, tandem_test_wait_result (&result, TIMEOUT_MS), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  first_path = tandem_ai_conversation_store_dup_path (store, LIST_PROJECT, tandem_ai_conversation_get_id (first));
  g_assert_false (g_file_test (first_path, G_FILE_TEST_EXISTS));
  model = list (store, LIST_PROJECT);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);

  /* A save still queued after the delete does not bring the conversation back. */
  g_assert_true (save (store, first, &error));
  g_assert_false (g_file_test (first_path, G_FILE_TEST_EXISTS));

  /* An id that is not ours cannot name a file outside the folder. */
  g_assert_null (load_from (store, LIST_PROJECT, "../../escape", &error));
  g_assert_error (error, TANDEM_AI_CONVERSATION_ERROR, TANDEM_AI_CONVERSATION_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Nothing but the conversations themselves is left in the folder (no temp files). */
  dir = g_path_get_dirname (first_path);
  {
    g_autoptr(GDir) gdir = g_dir_open (dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (gdir)))
      g_assert_true (g_str_has_suffix (name, ".json"));
  }
}

/* Every prefix of a saved file is refused with a clear error, never a crash; the list
 * shows such a file as damaged. */
static void
test_truncated (void)
{
  g_autoptr(TandemAiConversationStore) store = tandem_ai_conversation_store_new (NULL);
  g_autoptr(TandemAiConversation) conversation = make_conversation ();
  g_autoptr(GListModel) model = NULL;
  g_autoptr(TandemAiConversationInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *path = NULL;
  const char *id = tandem_ai_conversation_get_id (conversation);
  gsize length;

  g_assert_true (save (store, conversation, &error));
  path = tandem_ai_conversation_store_dup_path (store, PROJECT, id);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 200);

  for (gsize cut = 0; cut < length; cut++)
    {
      g_autoptr(TandemAiConversation) parsed = NULL;

      parsed = tandem_ai_conversation_new_from_json (contents, cut, &error);
      g_assert_null (parsed);
      g_assert_error (error, TANDEM_AI_CONVERSATION_ERROR, TANDEM_AI_CONVERSATION_ERROR_DAMAGED);
      g_clear_error (&error);
    }

  /* Through the store, at a few lengths. */
  for (guint i = 0; i < 4; i++)
    {
      gsize cut = (gsize[]) { 0, 1, length / 2, length - 1 }[i];
      g_autoptr(TandemAiConversation) loaded = NULL;

      g_assert_true (g_file_set_contents (path, contents, cut, NULL));
      loaded = load (store, id, &error);
      g_assert_null (loaded);
      g_assert_error (error, TANDEM_AI_CONVERSATION_ERROR, TANDEM_AI_CONVERSATION_ERROR_DAMAGED);
      g_assert_true (strstr (error->message, "damaged") != NULL);
      g_clear_error (&error);
    }

  /* Other tests saved conversations of this project too: find ours. */
  model = list (store, PROJECT);
  for (guint i = 0; info == NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(TandemAiConversationInfo) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (tandem_ai_conversation_info_get_id (item), id) == 0)
        info = g_steal_pointer (&item);
      else
        g_assert_false (tandem_ai_conversation_info_get_damaged (item));
    }
  g_assert_nonnull (info);
  g_assert_true (tandem_ai_conversation_info_get_damaged (info));
  g_assert_nonnull (tandem_ai_conversation_info_get_error (info));

  /* Valid JSON of the wrong shape is damaged too. */
  g_assert_null (tandem_ai_conversation_new_from_json ("{\"version\":1,\"messages\":[{}]}", -1, &error));
  g_assert_error (error, TANDEM_AI_CONVERSATION_ERROR, TANDEM_AI_CONVERSATION_ERROR_DAMAGED);
  g_clear_error (&error);
  g_assert_null (tandem_ai_conversation_new_from_json ("[1,2]", -1, &error));
  g_assert_error (error, TANDEM_AI_CONVERSATION_ERROR, TANDEM_AI_CONVERSATION_ERROR_DAMAGED);
}

/* A file written before attachments were kept with their question still loads. */
static void
test_without_context_text (void)
{
  g_autoptr(TandemAiConversation) conversation = NULL;
  g_autoptr(TandemAiMessage) user = NULL;
  g_autoptr(GError) error = NULL;

  conversation = tandem_ai_conversation_new_from_json (
    "{\"version\":1,\"id\":\"old\",\"project\":\"/p\",\"title\":\"Old\",\"created\":1,\"updated\":2,"
    "\"messages\":[{\"id\":\"m1\",\"role\":\"user\",\"text\":\"Why?\",\"state\":\"complete\","
    "\"created\":1,\"updated\":1,\"input-tokens\":0,\"output-tokens\":0,\"tool-calls\":[],"
    "\"context\":[{\"path\":\"a.c\",\"start-line\":0,\"end-line\":0}]}]}", -1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (conversation);
  user = g_list_model_get_item (G_LIST_MODEL (conversation), 0);
  g_assert_cmpstr (tandem_ai_message_get_text (user), ==, "Why?");
  g_assert_cmpuint (tandem_ai_message_get_n_context_items (user), ==, 1);
  g_assert_null (tandem_ai_message_get_context_text (user));
}

static void
test_newer_version (void)
{
  g_autoptr(TandemAiConversation) conversation = NULL;
  g_autoptr(GError) error = NULL;

  conversation = tandem_ai_conversation_new_from_json (
    "{\"version\":2,\"id\":\"x\",\"project\":\"/p\",\"messages\":[]}", -1, &error);
  g_assert_null (conversation);
  g_assert_error (error, TANDEM_AI_CONVERSATION_ERROR, TANDEM_AI_CONVERSATION_ERROR_NEWER_VERSION);
  g_assert_true (strstr (error->message, "newer version") != NULL);
}

/* Many saves in a row: the file always holds a whole conversation, and the last one. */
static void
test_atomic_ordered_saves (void)
{
  g_autoptr(TandemAiConversationStore) store = tandem_ai_conversation_store_new (NULL);
  g_autoptr(TandemAiConversation) conversation = tandem_ai_conversation_new (PROJECT);
  g_autoptr(TandemAiConversation) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  GAsyncResult *results[20] = { NULL, };

  path = tandem_ai_conversation_store_dup_path (store, PROJECT, tandem_ai_conversation_get_id (conversation));
  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      g_autofree char *title = g_strdup_printf ("Title %u", i);
      g_autoptr(TandemAiMessage) message = tandem_ai_message_new (TANDEM_AI_MESSAGE_ROLE_USER, title);

      tandem_ai_conversation_append (conversation, message);
      tandem_ai_conversation_set_title (conversation, title);
      tandem_ai_conversation_store_save_async (store, conversation, NULL, tandem_test_store_result_cb, &results[i]);

      /* Whenever the file exists, it is complete. */
      if (g_file_test (path, G_FILE_TEST_EXISTS))
        {
          g_autoptr(TandemAiConversation) snapshot = NULL;
          g_autofree char *contents = NULL;
          gsize length;

          g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
          snapshot = tandem_ai_conversation_new_from_json (contents, length, &error);
          g_assert_no_error (error);
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      g_assert_true (tandem_ai_conversation_store_save_finish (store, tandem_test_wait_result (&results[i], TIMEOUT_MS), &error));
      g_assert_no_error (error);
      g_clear_object (&results[i]);
    }

  loaded = load (store, tandem_ai_conversation_get_id (conversation), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tandem_ai_conversation_get_title (loaded), ==, "Title 19");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (loaded)), ==, 20);
}

int
main (int   argc,
      char *argv[])
{
  tandem_test_init (&argc, &argv);

  g_test_add_func ("/ai/conversation/round-trip", test_round_trip);
  g_test_add_func ("/ai/conversation/streaming-saved-as-stopped", test_streaming_saved_as_stopped);
  g_test_add_func ("/ai/conversation/track", test_track);
  g_test_add_func ("/ai/conversation/list-rename-delete", test_list_rename_delete);
  g_test_add_func ("/ai/conversation/truncated", test_truncated);
  g_test_add_func ("/ai/conversation/newer-version", test_newer_version);
  g_test_add_func ("/ai/conversation/without-context-text", test_without_context_text);
  g_test_add_func ("/ai/conversation/atomic-ordered-saves", test_atomic_ordered_saves);

  return g_test_run ();
}
