/* tandem-ai-preferences-page.c
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

#define G_LOG_DOMAIN "tandem-ai-preferences-page"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "tandem-ai-preferences-page.h"
#include "tandem-ai-provider-list.h"
#include "tandem-ai-secrets.h"

struct _TandemAiPreferencesPage
{
  AdwPreferencesPage    parent_instance;

  TandemAiProviderList *providers;
  GCancellable         *cancellable;
  GPtrArray            *rows;

  /* template children */
  AdwPreferencesGroup  *providers_group;
  AdwPreferencesGroup  *found_group;
  AdwActionRow         *empty_row;

  guint                 discovered : 1;
};

/* The widgets of one provider, kept on its expander row. */
typedef struct
{
  TandemAiPreferencesPage *page;              /* borrowed: the page owns the rows */
  TandemAiProviderConfig  *config;
  GCancellable            *cancellable;
  char                    *api_key;
  GtkStringList           *models;
  AdwExpanderRow          *row;
  AdwEntryRow             *base_url_row;
  AdwActionRow            *url_note_row;
  AdwEntryRow             *model_row;
  AdwComboRow             *models_row;
  AdwPasswordEntryRow     *key_entry_row;
  AdwActionRow            *key_status_row;
  GtkWidget               *remove_key_button;
  AdwActionRow            *connection_row;
  guint                    updating_models : 1;
} ProviderRow;

G_DEFINE_FINAL_TYPE (TandemAiPreferencesPage, tandem_ai_preferences_page, ADW_TYPE_PREFERENCES_PAGE)

static void
provider_row_free (ProviderRow *row)
{
  g_cancellable_cancel (row->cancellable);
  g_clear_object (&row->cancellable);
  g_clear_object (&row->config);
  g_clear_object (&row->models);
  if (row->api_key != NULL)
    {
      memset (row->api_key, 0, strlen (row->api_key));
      g_free (row->api_key);
    }
  g_free (row);
}

static void
provider_row_set_models (ProviderRow        *row,
                         const char * const *models)
{
  g_autofree char *model = NULL;
  guint n;

  row->updating_models = TRUE;
  n = g_list_model_get_n_items (G_LIST_MODEL (row->models));
  gtk_string_list_splice (row->models, 0, n, models);

  model = tandem_ai_provider_config_dup_model (row->config);
  adw_combo_row_set_selected (row->models_row, GTK_INVALID_LIST_POSITION);
  for (guint i = 0; models != NULL && models[i] != NULL; i++)
    if (g_strcmp0 (models[i], model) == 0)
      adw_combo_row_set_selected (row->models_row, i);
  row->updating_models = FALSE;

  gtk_widget_set_sensitive (GTK_WIDGET (row->models_row), models != NULL && models[0] != NULL);
}

static void
provider_row_models_selected_cb (ProviderRow *row)
{
  GtkStringObject *item;

  if (row->updating_models)
    return;

  item = adw_combo_row_get_selected_item (row->models_row);
  if (item != NULL)
    tandem_ai_provider_config_set_model (row->config, gtk_string_object_get_string (item));
}

static void
provider_row_update_url_note (ProviderRow *row)
{
  g_autofree char *base_url = tandem_ai_provider_config_dup_base_url (row->config);
  g_autofree char *note = NULL;
  g_autoptr(GError) error = NULL;

  if (!tandem_ai_check_base_url (base_url, &note, &error))
    {
      adw_action_row_set_subtitle (row->url_note_row, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (row->base_url_row), "error");
      gtk_widget_set_visible (GTK_WIDGET (row->url_note_row), TRUE);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (row->base_url_row), "error");
      adw_action_row_set_subtitle (row->url_note_row, note ? note : "");
      gtk_widget_set_visible (GTK_WIDGET (row->url_note_row), note != NULL);
    }
}

static void
provider_row_set_key (ProviderRow *row,
                      const char  *key)
{
  g_autofree char *masked = NULL;

  if (row->api_key != NULL)
    {
      memset (row->api_key, 0, strlen (row->api_key));
      g_clear_pointer (&row->api_key, g_free);
    }
  row->api_key = g_strdup (key);

  if (key != NULL)
    {
      masked = tandem_ai_secrets_mask (key);
      adw_action_row_set_subtitle (row->key_status_row, masked);
    }
  else
    adw_action_row_set_subtitle (row->key_status_row,
                                 tandem_ai_provider_kind_needs_key (tandem_ai_provider_config_get_kind (row->config))
                                 ? _("No key saved: this provider needs one")
                                 : _("No key saved (local servers usually need none)"));
  gtk_widget_set_sensitive (row->remove_key_button, key != NULL);
}

static void
provider_row_lookup_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  ProviderRow *row = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;

  key = tandem_ai_secrets_lookup_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (error != NULL)
    {
      adw_action_row_set_subtitle (row->key_status_row, error->message);
      gtk_widget_set_sensitive (row->remove_key_button, FALSE);
      return;
    }

  provider_row_set_key (row, key);
  if (key != NULL)
    memset (key, 0, strlen (key));
}

static void
provider_row_lookup (ProviderRow *row)
{
  g_autofree char *base_url = tandem_ai_provider_config_dup_base_url (row->config);

  adw_action_row_set_subtitle (row->key_status_row, _("Reading the keyring…"));
  tandem_ai_secrets_lookup_async (tandem_ai_provider_config_get_id (row->config), base_url,
                                  row->cancellable, provider_row_lookup_cb, row);
}

static void
provider_row_base_url_changed_cb (GSettings      *settings,
                                  const char     *key,
                                  AdwExpanderRow *widget)
{
  ProviderRow *row = g_object_get_data (G_OBJECT (widget), "provider-row");

  provider_row_update_url_note (row);
  /* A key belongs to one endpoint: a new address has no key until one is saved for it. */
  provider_row_lookup (row);
}

static void
provider_row_store_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  ProviderRow *row = user_data;
  g_autoptr(GError) error = NULL;

  if (!tandem_ai_secrets_store_finish (result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_action_row_set_subtitle (row->key_status_row, error->message);
      return;
    }

  provider_row_lookup (row);
}

static void
provider_row_save_key_cb (ProviderRow *row)
{
  g_autofree char *base_url = tandem_ai_provider_config_dup_base_url (row->config);
  g_autofree char *key = NULL;
  g_autoptr(GError) error = NULL;

  key = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row->key_entry_row))));
  if (key[0] == '\0')
    return;

  if (!tandem_ai_check_base_url (base_url, NULL, &error))
    {
      adw_action_row_set_subtitle (row->key_status_row, error->message);
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (row->key_entry_row), "");
  adw_action_row_set_subtitle (row->key_status_row, _("Saving in the keyring…"));
  tandem_ai_secrets_store_async (tandem_ai_provider_config_get_id (row->config), base_url, key,
                                 row->cancellable, provider_row_store_cb, row);
  memset (key, 0, strlen (key));
}

static void
provider_row_delete_key_cb (GObject      *object,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  ProviderRow *row = user_data;
  g_autoptr(GError) error = NULL;

  if (!tandem_ai_secrets_delete_finish (result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_action_row_set_subtitle (row->key_status_row, error->message);
      return;
    }

  provider_row_set_key (row, NULL);
}

static void
provider_row_remove_key_cb (ProviderRow *row)
{
  tandem_ai_secrets_delete_async (tandem_ai_provider_config_get_id (row->config), NULL,
                                  row->cancellable, provider_row_delete_key_cb, row);
}

static void
provider_row_list_models_cb (GObject      *object,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  ProviderRow *row = user_data;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) models = NULL;
  g_autofree char *text = NULL;
  guint n;

  models = tandem_ai_provider_config_list_models_finish (TANDEM_AI_PROVIDER_CONFIG (object),
                                                         result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (models == NULL)
    {
      adw_action_row_set_subtitle (row->connection_row, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (row->connection_row), "error");
      return;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (row->connection_row), "error");
  tandem_ai_provider_config_set_models_cache (row->config, (const char * const *)models);
  provider_row_set_models (row, (const char * const *)models);

  n = g_strv_length (models);
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Connected: %u model",
                                       "Connected: %u models", n), n);
  adw_action_row_set_subtitle (row->connection_row, text);
}

/* Refresh and Test Connection both ask for the model list: it proves the address,
 * the key and the server in one request. */
static void
provider_row_list_models (ProviderRow *row)
{
  adw_action_row_set_subtitle (row->connection_row, _("Connecting…"));
  tandem_ai_provider_config_list_models_async (row->config, row->api_key, row->cancellable,
                                               provider_row_list_models_cb, row);
}

static void
tandem_ai_preferences_page_remove_cb (GObject      *object,
                                      GAsyncResult *result,
                                      gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* The provider is gone from the list already; only the keyring can still fail. */
  if (!tandem_ai_provider_list_remove_finish (TANDEM_AI_PROVIDER_LIST (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      !g_error_matches (error, TANDEM_AI_SECRETS_ERROR, TANDEM_AI_SECRETS_ERROR_NO_SERVICE))
    g_warning ("The provider's API key could not be removed from the keyring: %s", error->message);
}

static void
provider_row_remove_response_cb (AdwMessageDialog *dialog,
                                 const char       *response,
                                 gpointer          user_data)
{
  g_autoptr(TandemAiPreferencesPage) page = g_weak_ref_get (g_object_get_data (G_OBJECT (dialog), "page"));
  const char *id = g_object_get_data (G_OBJECT (dialog), "provider-id");

  if (g_strcmp0 (response, "remove") == 0 && page != NULL)
    tandem_ai_provider_list_remove_async (page->providers, id, page->cancellable,
                                          tandem_ai_preferences_page_remove_cb, NULL);
}

static void
weak_ref_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

static void
provider_row_remove_cb (ProviderRow *row)
{
  g_autofree char *name = tandem_ai_provider_config_dup_name (row->config);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (row->row));
  GtkWidget *dialog;
  GWeakRef *page_ref;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Remove Provider?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("“%s” and its API key will be removed from Tandem and the keyring."),
                                  name);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  g_object_set_data_full (G_OBJECT (dialog), "provider-id",
                          g_strdup (tandem_ai_provider_config_get_id (row->config)), g_free);
  page_ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (page_ref, row->page);
  g_object_set_data_full (G_OBJECT (dialog), "page", page_ref, weak_ref_free);
  g_signal_connect (dialog, "response", G_CALLBACK (provider_row_remove_response_cb), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
make_button (const char *label,
             const char *name)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_name (button, name);
  return button;
}

static AdwExpanderRow *
tandem_ai_preferences_page_create_row (TandemAiPreferencesPage *self,
                                       TandemAiProviderConfig  *config)
{
  GSettings *settings = tandem_ai_provider_config_get_settings (config);
  g_auto(GStrv) cache = NULL;
  ProviderRow *row;
  GtkWidget *button;
  AdwEntryRow *entry;
  AdwActionRow *action_row;

  row = g_new0 (ProviderRow, 1);
  row->page = self;
  row->config = g_object_ref (config);
  row->cancellable = g_cancellable_new ();
  row->models = gtk_string_list_new (NULL);

  row->row = ADW_EXPANDER_ROW (adw_expander_row_new ());
  g_object_set_data_full (G_OBJECT (row->row), "provider-row", row, (GDestroyNotify)provider_row_free);
  g_settings_bind (settings, "name", row->row, "title", G_SETTINGS_BIND_GET);
  adw_expander_row_set_subtitle (row->row,
                                 tandem_ai_provider_kind_get_display_name (tandem_ai_provider_config_get_kind (config)));

  entry = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), _("Name"));
  gtk_widget_set_name (GTK_WIDGET (entry), "name-row");
  g_settings_bind (settings, "name", entry, "text", G_SETTINGS_BIND_DEFAULT);
  adw_expander_row_add_row (row->row, GTK_WIDGET (entry));

  row->base_url_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->base_url_row), _("Base URL"));
  gtk_widget_set_name (GTK_WIDGET (row->base_url_row), "base-url-row");
  g_settings_bind (settings, "base-url", row->base_url_row, "text", G_SETTINGS_BIND_DEFAULT);
  adw_expander_row_add_row (row->row, GTK_WIDGET (row->base_url_row));

  row->url_note_row = ADW_ACTION_ROW (adw_action_row_new ());
  gtk_widget_set_name (GTK_WIDGET (row->url_note_row), "url-note-row");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->url_note_row), _("Address"));
  adw_expander_row_add_row (row->row, GTK_WIDGET (row->url_note_row));

  row->model_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->model_row), _("Model"));
  gtk_widget_set_name (GTK_WIDGET (row->model_row), "model-row");
  g_settings_bind (settings, "model", row->model_row, "text", G_SETTINGS_BIND_DEFAULT);
  button = gtk_button_new_from_icon_name ("view-refresh-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_name (button, "refresh-button");
  gtk_widget_set_tooltip_text (button, _("Refresh the List of Models"));
  gtk_widget_add_css_class (button, "flat");
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (provider_row_list_models), row);
  adw_entry_row_add_suffix (row->model_row, button);
  adw_expander_row_add_row (row->row, GTK_WIDGET (row->model_row));

  row->models_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->models_row), _("Available Models"));
  gtk_widget_set_name (GTK_WIDGET (row->models_row), "models-row");
  adw_combo_row_set_model (row->models_row, G_LIST_MODEL (row->models));
  g_signal_connect_swapped (row->models_row, "notify::selected",
                            G_CALLBACK (provider_row_models_selected_cb), row);
  adw_expander_row_add_row (row->row, GTK_WIDGET (row->models_row));

  row->key_entry_row = ADW_PASSWORD_ENTRY_ROW (adw_password_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->key_entry_row), _("New API Key"));
  gtk_widget_set_name (GTK_WIDGET (row->key_entry_row), "key-entry-row");
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row->key_entry_row), FALSE);
  button = make_button (_("_Save"), "save-key-button");
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (provider_row_save_key_cb), row);
  g_signal_connect_swapped (row->key_entry_row, "entry-activated",
                            G_CALLBACK (provider_row_save_key_cb), row);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row->key_entry_row), button);
  adw_expander_row_add_row (row->row, GTK_WIDGET (row->key_entry_row));

  row->key_status_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->key_status_row), _("Saved API Key"));
  gtk_widget_set_name (GTK_WIDGET (row->key_status_row), "key-status-row");
  row->remove_key_button = make_button (_("Re_move Key"), "remove-key-button");
  gtk_widget_set_sensitive (row->remove_key_button, FALSE);
  g_signal_connect_swapped (row->remove_key_button, "clicked", G_CALLBACK (provider_row_remove_key_cb), row);
  adw_action_row_add_suffix (row->key_status_row, row->remove_key_button);
  adw_expander_row_add_row (row->row, GTK_WIDGET (row->key_status_row));

  row->connection_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->connection_row), _("Connection"));
  gtk_widget_set_name (GTK_WIDGET (row->connection_row), "connection-row");
  button = make_button (_("_Test Connection"), "test-button");
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (provider_row_list_models), row);
  adw_action_row_add_suffix (row->connection_row, button);
  adw_expander_row_add_row (row->row, GTK_WIDGET (row->connection_row));

  action_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (action_row), _("Remove This Provider"));
  button = make_button (_("_Remove"), "remove-provider-button");
  gtk_widget_add_css_class (button, "destructive-action");
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (provider_row_remove_cb), row);
  adw_action_row_add_suffix (action_row, button);
  adw_expander_row_add_row (row->row, GTK_WIDGET (action_row));

  cache = tandem_ai_provider_config_dup_models_cache (config);
  provider_row_set_models (row, (const char * const *)cache);
  provider_row_update_url_note (row);
  g_signal_connect_object (settings, "changed::base-url",
                           G_CALLBACK (provider_row_base_url_changed_cb), row->row, 0);
  provider_row_lookup (row);

  return row->row;
}

static void
tandem_ai_preferences_page_rebuild (TandemAiPreferencesPage *self)
{
  guint n;

  g_assert (TANDEM_AI_IS_PREFERENCES_PAGE (self));

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->providers_group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->providers));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TandemAiProviderConfig) config = g_list_model_get_item (G_LIST_MODEL (self->providers), i);
      AdwExpanderRow *row = tandem_ai_preferences_page_create_row (self, config);

      g_ptr_array_add (self->rows, row);
      adw_preferences_group_add (self->providers_group, GTK_WIDGET (row));
    }

  gtk_widget_set_visible (GTK_WIDGET (self->empty_row), n == 0);
}

static void
tandem_ai_preferences_page_items_changed_cb (TandemAiPreferencesPage *self)
{
  tandem_ai_preferences_page_rebuild (self);
}

static void
tandem_ai_preferences_page_add_found_cb (GtkButton *button,
                                         gpointer   user_data)
{
  TandemAiPreferencesPage *self = user_data;
  TandemAiLocalEndpoint *endpoint = g_object_get_data (G_OBJECT (button), "endpoint");
  TandemAiProviderConfig *config;

  config = tandem_ai_provider_list_add (self->providers, endpoint->kind);
  tandem_ai_provider_config_set_base_url (config, endpoint->base_url);
  if (endpoint->models[0] != NULL)
    {
      tandem_ai_provider_config_set_models_cache (config, (const char * const *)endpoint->models);
      tandem_ai_provider_config_set_model (config, endpoint->models[0]);
    }
  gtk_widget_set_visible (gtk_widget_get_ancestor (GTK_WIDGET (button), ADW_TYPE_ACTION_ROW), FALSE);
}

static void
tandem_ai_preferences_page_discover_cb (GObject      *object,
                                        GAsyncResult *result,
                                        gpointer      user_data)
{
  g_autoptr(TandemAiPreferencesPage) self = user_data;
  g_autoptr(GPtrArray) found = NULL;

  found = tandem_ai_discover_local_finish (result, NULL);
  if (found == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;

  while (found->len > 0)
    {
      TandemAiLocalEndpoint *endpoint = g_ptr_array_steal_index (found, 0);
      AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
      GtkWidget *button = make_button (_("_Add"), "add-found-button");
      g_autofree char *subtitle = NULL;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     tandem_ai_provider_kind_get_display_name (endpoint->kind));
      subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %u model", "%s, %u models",
                                               g_strv_length (endpoint->models)),
                                  endpoint->base_url, g_strv_length (endpoint->models));
      adw_action_row_set_subtitle (row, subtitle);
      g_object_set_data_full (G_OBJECT (button), "endpoint", endpoint,
                              (GDestroyNotify)tandem_ai_local_endpoint_free);
      g_signal_connect (button, "clicked", G_CALLBACK (tandem_ai_preferences_page_add_found_cb), self);
      adw_action_row_add_suffix (row, button);
      adw_preferences_group_add (self->found_group, GTK_WIDGET (row));
      gtk_widget_set_visible (GTK_WIDGET (self->found_group), TRUE);
    }
}

static void
tandem_ai_preferences_page_map (GtkWidget *widget)
{
  TandemAiPreferencesPage *self = TANDEM_AI_PREFERENCES_PAGE (widget);

  GTK_WIDGET_CLASS (tandem_ai_preferences_page_parent_class)->map (widget);

  /* On first use, offer the local servers that are running. */
  if (!self->discovered && g_list_model_get_n_items (G_LIST_MODEL (self->providers)) == 0)
    {
      self->discovered = TRUE;
      tandem_ai_discover_local_async (NULL, self->cancellable,
                                      tandem_ai_preferences_page_discover_cb, g_object_ref (self));
    }
}

static void
tandem_ai_preferences_page_add_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *param)
{
  TandemAiPreferencesPage *self = TANDEM_AI_PREFERENCES_PAGE (widget);
  TandemAiProviderKind kind;

  if (tandem_ai_provider_kind_from_string (g_variant_get_string (param, NULL), &kind))
    {
      tandem_ai_provider_list_add (self->providers, kind);
      if (self->rows->len > 0)
        adw_expander_row_set_expanded (g_ptr_array_index (self->rows, self->rows->len - 1), TRUE);
    }
}

static void
tandem_ai_preferences_page_dispose (GObject *object)
{
  TandemAiPreferencesPage *self = TANDEM_AI_PREFERENCES_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  if (self->providers != NULL)
    g_signal_handlers_disconnect_by_data (self->providers, self);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), TANDEM_AI_TYPE_PREFERENCES_PAGE);

  g_clear_object (&self->providers);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (tandem_ai_preferences_page_parent_class)->dispose (object);
}

static void
tandem_ai_preferences_page_class_init (TandemAiPreferencesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tandem_ai_preferences_page_dispose;
  widget_class->map = tandem_ai_preferences_page_map;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tandemide/Tandem/ai/tandem-ai-preferences-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TandemAiPreferencesPage, providers_group);
  gtk_widget_class_bind_template_child (widget_class, TandemAiPreferencesPage, found_group);
  gtk_widget_class_bind_template_child (widget_class, TandemAiPreferencesPage, empty_row);

  gtk_widget_class_install_action (widget_class, "ai-page.add", "s",
                                   tandem_ai_preferences_page_add_action);
}

static void
tandem_ai_preferences_page_init (TandemAiPreferencesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->rows = g_ptr_array_new ();
  self->providers = tandem_ai_provider_list_new (NULL);
  g_signal_connect_object (self->providers, "items-changed",
                           G_CALLBACK (tandem_ai_preferences_page_items_changed_cb),
                           self, G_CONNECT_SWAPPED);
  tandem_ai_preferences_page_rebuild (self);
}

/**
 * tandem_ai_preferences_page_new:
 *
 * The AI page of the preferences window; the module's entry point.
 *
 * Returns: (transfer floating): a new #TandemAiPreferencesPage
 */
GtkWidget *
tandem_ai_preferences_page_new (void)
{
  return g_object_new (TANDEM_AI_TYPE_PREFERENCES_PAGE, NULL);
}
