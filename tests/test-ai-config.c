/* test-ai-config.c
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

#include <adwaita.h>
#include <libsoup/soup.h>

#include "tandem-ai-preferences-page.h"
#include "tandem-ai-provider-list.h"
#include "tandem-test.h"

#define TIMEOUT_MS 10000

static gboolean have_display;

static void
test_url_validation (void)
{
  static const struct { const char *url; gboolean ok; gboolean note; } cases[] = {
    { "https://api.openai.com", TRUE, FALSE },
    { "https://example.com:8443/v1", TRUE, FALSE },
    { "http://localhost:11434", TRUE, TRUE },
    { "http://127.0.0.1:8080", TRUE, TRUE },
    { "http://[::1]:8080", TRUE, TRUE },
    { "http://10.1.2.3", TRUE, TRUE },
    { "http://172.16.0.1", TRUE, TRUE },
    { "http://172.31.255.1", TRUE, TRUE },
    { "http://192.168.1.20:1234/v1", TRUE, TRUE },
    { "http://[fd12::1]:80", TRUE, TRUE },
    { "http://gpu-box.local:11434", TRUE, TRUE },
    { "http://172.32.0.1", FALSE, FALSE },
    { "http://8.8.8.8", FALSE, FALSE },
    { "http://api.example.com", FALSE, FALSE },
    { "ftp://example.com", FALSE, FALSE },
    { "api.example.com", FALSE, FALSE },
    { "", FALSE, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *note = NULL;
      gboolean ok = tandem_ai_check_base_url (cases[i].url, &note, &error);

      g_test_message ("%s", cases[i].url);
      g_assert_cmpint (ok, ==, cases[i].ok);
      g_assert_cmpint (note != NULL, ==, cases[i].note);
      if (cases[i].note)
        g_assert_cmpstr (note, ==, "Traffic to this server is not encrypted");
      if (!ok)
        g_assert_true (error != NULL && error->message[0] != '\0');
    }
}

static char **
ids_of (TandemAiProviderList *list)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));
  char **ids = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TandemAiProviderConfig) config = g_list_model_get_item (G_LIST_MODEL (list), i);

      ids[i] = g_strdup (tandem_ai_provider_config_get_id (config));
    }
  return ids;
}

/* Providers persist in a keyfile backend: a second list reading the same file sees the
 * same providers, settings and order. */
static void
test_persistence (void)
{
  g_autofree char *path = g_build_filename (tandem_test_get_tmpdir (), "settings.ini", NULL);
  g_autoptr(GSettingsBackend) backend = g_keyfile_settings_backend_new (path, "/", NULL);
  g_autoptr(GSettingsBackend) backend2 = NULL;
  g_autoptr(TandemAiProviderList) list = tandem_ai_provider_list_new (backend);
  g_autoptr(TandemAiProviderList) list2 = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ids = NULL;
  g_auto(GStrv) ids2 = NULL;
  g_autofree char *removed_id = NULL;
  TandemAiProviderConfig *openai, *ollama, *compat, *anthropic;

  openai = tandem_ai_provider_list_add (list, TANDEM_AI_PROVIDER_KIND_OPENAI);
  ollama = tandem_ai_provider_list_add (list, TANDEM_AI_PROVIDER_KIND_OLLAMA);
  compat = tandem_ai_provider_list_add (list, TANDEM_AI_PROVIDER_KIND_OPENAI_COMPATIBLE);
  anthropic = tandem_ai_provider_list_add (list, TANDEM_AI_PROVIDER_KIND_ANTHROPIC);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 4);
  g_assert_true (g_uuid_string_is_valid (tandem_ai_provider_config_get_id (openai)));

  {
    g_autofree char *url1 = tandem_ai_provider_config_dup_base_url (openai);
    g_autofree char *url2 = tandem_ai_provider_config_dup_base_url (ollama);
    g_autofree char *url3 = tandem_ai_provider_config_dup_base_url (anthropic);

    g_assert_cmpstr (url1, ==, "https://api.openai.com");
    g_assert_cmpstr (url2, ==, "http://localhost:11434");
    g_assert_cmpstr (url3, ==, "https://api.anthropic.com");
  }

  tandem_ai_provider_config_set_base_url (compat, "http://192.168.1.5:1234/v1");
  tandem_ai_provider_config_set_model (compat, "qwen2.5-coder");
  g_object_set (compat, "context-window", 32768u, "temperature", 0.7, "enabled", FALSE, NULL);
  tandem_ai_provider_config_set_models_cache (compat, (const char * const[]) { "a", "b", NULL });

  g_assert_true (tandem_ai_provider_list_move (list, 3, 0));
  removed_id = g_strdup (tandem_ai_provider_config_get_id (ollama));
  tandem_ai_provider_list_remove_async (list, removed_id, NULL, tandem_test_store_result_cb, &result);
  /* No keyring in this test: the provider is removed all the same. */
  tandem_ai_provider_list_remove_finish (list, tandem_test_wait_result (&result, TIMEOUT_MS), NULL);
  ids = ids_of (list);
  g_assert_cmpuint (g_strv_length (ids), ==, 3);
  g_assert_cmpstr (ids[0], ==, tandem_ai_provider_config_get_id (anthropic));

  backend2 = g_keyfile_settings_backend_new (path, "/", NULL);
  list2 = tandem_ai_provider_list_new (backend2);
  ids2 = ids_of (list2);
  g_assert_true (g_strv_equal ((const char * const *)ids, (const char * const *)ids2));

  {
    TandemAiProviderConfig *c = tandem_ai_provider_list_find (list2, tandem_ai_provider_config_get_id (compat));
    TandemAiProviderConfig *gone = tandem_ai_provider_list_find (list2, removed_id);
    g_autofree char *url = tandem_ai_provider_config_dup_base_url (c);
    g_autofree char *model = tandem_ai_provider_config_dup_model (c);
    g_auto(GStrv) cache = tandem_ai_provider_config_dup_models_cache (c);

    g_assert_null (gone);
    g_assert_cmpint (tandem_ai_provider_config_get_kind (c), ==, TANDEM_AI_PROVIDER_KIND_OPENAI_COMPATIBLE);
    g_assert_cmpstr (url, ==, "http://192.168.1.5:1234/v1");
    g_assert_cmpstr (model, ==, "qwen2.5-coder");
    g_assert_cmpuint (tandem_ai_provider_config_get_context_window (c), ==, 32768);
    g_assert_cmpfloat_with_epsilon (tandem_ai_provider_config_get_temperature (c), 0.7, 1e-9);
    g_assert_false (tandem_ai_provider_config_get_enabled (c));
    g_assert_cmpuint (g_strv_length (cache), ==, 2);
  }

  /* The removed provider's settings were reset. */
  {
    g_autoptr(TandemAiProviderConfig) old = tandem_ai_provider_config_new (removed_id, backend2);
    g_autofree char *url = tandem_ai_provider_config_dup_base_url (old);

    g_assert_cmpstr (url, ==, "");
  }
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  guint *hits = user_data;

  (*hits)++;
  if (g_str_equal (path, "/api/tags"))
    {
      static const char body[] =
        "{\"models\":[{\"name\":\"llama3:8b\",\"model\":\"llama3:8b\"},"
        "{\"name\":\"qwen2.5-coder:7b\",\"model\":\"qwen2.5-coder:7b\"}]}";

      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, body, strlen (body));
    }
  else
    soup_server_message_set_status (msg, 404, NULL);
}

static char *
start_server (SoupServer **out,
              guint       *hits)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSList) uris = NULL;
  SoupServer *server = soup_server_new (NULL, NULL);
  char *url;

  soup_server_add_handler (server, NULL, server_cb, hits, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  url = g_uri_to_string_partial (uris->data, G_URI_HIDE_PASSWORD);
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify)g_uri_unref);
  if (g_str_has_suffix (url, "/"))
    url[strlen (url) - 1] = '\0';
  *out = server;
  return url;
}

static void
test_discover (void)
{
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  const char *urls[3] = { NULL, "http://127.0.0.1:1", NULL };
  guint hits = 0;
  TandemAiLocalEndpoint *endpoint;

  url = start_server (&server, &hits);
  urls[0] = url;
  tandem_ai_discover_local_async (urls, NULL, tandem_test_store_result_cb, &result);
  found = tandem_ai_discover_local_finish (tandem_test_wait_result (&result, TIMEOUT_MS), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  endpoint = g_ptr_array_index (found, 0);
  g_assert_cmpint (endpoint->kind, ==, TANDEM_AI_PROVIDER_KIND_OLLAMA);
  g_assert_cmpstr (endpoint->base_url, ==, url);
  g_assert_cmpstr (endpoint->models[0], ==, "llama3:8b");
  g_assert_cmpstr (endpoint->models[1], ==, "qwen2.5-coder:7b");
}

static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
subtitle_has (gpointer data)
{
  const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (data));

  return subtitle != NULL && strstr (subtitle, "Connected") != NULL;
}

static gboolean
has_error_class (gpointer data)
{
  return gtk_widget_has_css_class (data, "error");
}

static void
test_preferences_page (void)
{
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(TandemAiProviderList) list = NULL;
  g_autofree char *url = NULL;
  g_autoptr(TandemAiProviderConfig) config = NULL;
  GtkWidget *window, *page, *base_url_row, *connection_row, *models_row;
  guint hits = 0;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  url = start_server (&server, &hits);
  window = adw_preferences_window_new ();
  page = tandem_ai_preferences_page_new ();
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (window), ADW_PREFERENCES_PAGE (page));
  gtk_window_present (GTK_WINDOW (window));

  g_assert_true (gtk_widget_activate_action (page, "ai-page.add", "s", "ollama"));
  base_url_row = find_named (page, "base-url-row");
  g_assert_nonnull (base_url_row);
  gtk_editable_set_text (GTK_EDITABLE (base_url_row), url);

  list = tandem_ai_provider_list_new (NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  config = g_list_model_get_item (G_LIST_MODEL (list), 0);
  {
    g_autofree char *saved = tandem_ai_provider_config_dup_base_url (config);
    g_assert_cmpstr (saved, ==, url);
  }
  /* Plain http to this computer is allowed, with the note. */
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (find_named (page, "url-note-row"))), ==,
                   "Traffic to this server is not encrypted");

  g_signal_emit_by_name (find_named (page, "test-button"), "clicked");
  connection_row = find_named (page, "connection-row");
  g_assert_true (tandem_test_wait_until (subtitle_has, connection_row, TIMEOUT_MS));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (connection_row)), ==, "Connected: 2 models");
  g_assert_cmpuint (hits, >=, 1);

  models_row = find_named (page, "models-row");
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (ADW_COMBO_ROW (models_row))), ==, 2);
  adw_combo_row_set_selected (ADW_COMBO_ROW (models_row), 1);
  {
    g_autofree char *model = tandem_ai_provider_config_dup_model (config);
    g_assert_cmpstr (model, ==, "qwen2.5-coder:7b");
  }

  /* Refresh does the same through the model row; a dead server gives plain words. */
  tandem_ai_provider_config_set_base_url (config, "http://127.0.0.1:1");
  g_signal_emit_by_name (find_named (page, "refresh-button"), "clicked");
  g_assert_true (tandem_test_wait_until (has_error_class, connection_row, TIMEOUT_MS));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (connection_row)), "not running"));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  /* Never taken down: GTK keeps the bus connection to the end, and GTestDBus's
   * watcher stops the daemon when this process exits. */
  static GTestDBus *dbus;
  g_autofree char *display = g_strdup (g_getenv ("DISPLAY"));

  tandem_test_init (&argc, &argv);
  /* An empty private bus: the page's key lookups find no keyring, quickly. GTestDBus
   * unsets DISPLAY; the widget test needs it back. */
  dbus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (dbus);
  if (display != NULL)
    g_setenv ("DISPLAY", display, TRUE);

  have_display = gtk_init_check ();
  if (have_display)
    adw_init ();

  g_test_add_func ("/ai/config/url-validation", test_url_validation);
  g_test_add_func ("/ai/config/persistence", test_persistence);
  g_test_add_func ("/ai/config/discover", test_discover);
  g_test_add_func ("/ai/config/preferences-page", test_preferences_page);

  return g_test_run ();
}
