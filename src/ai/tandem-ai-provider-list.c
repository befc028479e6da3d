/* tandem-ai-provider-list.c
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

#define G_LOG_DOMAIN "tandem-ai-provider-list"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "tandem-ai-provider-list.h"
#include "tandem-ai-secrets.h"

/* The providers, in the order of the `ai-providers` key; each one's settings live at
 * its own path of the relocatable AiProvider schema. */
struct _TandemAiProviderList
{
  GObject           parent_instance;

  GSettings        *settings;
  GSettingsBackend *backend;
  GPtrArray        *items;
};

static void tandem_ai_provider_list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TandemAiProviderList, tandem_ai_provider_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      tandem_ai_provider_list_model_iface_init))

static GType
tandem_ai_provider_list_get_item_type (GListModel *model)
{
  return TANDEM_AI_TYPE_PROVIDER_CONFIG;
}

static guint
tandem_ai_provider_list_get_n_items (GListModel *model)
{
  return TANDEM_AI_PROVIDER_LIST (model)->items->len;
}

static gpointer
tandem_ai_provider_list_get_item (GListModel *model,
                                  guint       position)
{
  TandemAiProviderList *self = TANDEM_AI_PROVIDER_LIST (model);

  if (position >= self->items->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
tandem_ai_provider_list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = tandem_ai_provider_list_get_item_type;
  iface->get_n_items = tandem_ai_provider_list_get_n_items;
  iface->get_item = tandem_ai_provider_list_get_item;
}

static gboolean
tandem_ai_provider_list_id_is_valid (const char *id)
{
  return id != NULL && id[0] != '\0' && strchr (id, '/') == NULL;
}

/* Rebuilds the items from the key, keeping the objects of providers that stay. */
static void
tandem_ai_provider_list_reload (TandemAiProviderList *self)
{
  g_auto(GStrv) ids = NULL;
  g_autoptr(GPtrArray) items = NULL;
  guint old_len;

  g_assert (TANDEM_AI_IS_PROVIDER_LIST (self));

  ids = g_settings_get_strv (self->settings, "ai-providers");
  items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; ids[i] != NULL; i++)
    {
      TandemAiProviderConfig *config = NULL;

      if (!tandem_ai_provider_list_id_is_valid (ids[i]))
        continue;

      for (guint j = 0; j < self->items->len && config == NULL; j++)
        {
          TandemAiProviderConfig *item = g_ptr_array_index (self->items, j);

          if (g_strcmp0 (tandem_ai_provider_config_get_id (item), ids[i]) == 0)
            config = g_object_ref (item);
        }

      if (config == NULL)
        config = tandem_ai_provider_config_new (ids[i], self->backend);

      g_ptr_array_add (items, config);
    }

  old_len = self->items->len;
  g_ptr_array_unref (self->items);
  self->items = g_steal_pointer (&items);

  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_len, self->items->len);
}

static void
tandem_ai_provider_list_settings_changed_cb (TandemAiProviderList *self,
                                             const char           *key,
                                             GSettings            *settings)
{
  g_assert (TANDEM_AI_IS_PROVIDER_LIST (self));

  tandem_ai_provider_list_reload (self);
}

static void
tandem_ai_provider_list_write_ids (TandemAiProviderList *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) ids = NULL;

  g_assert (TANDEM_AI_IS_PROVIDER_LIST (self));

  for (guint i = 0; i < self->items->len; i++)
    g_strv_builder_add (builder, tandem_ai_provider_config_get_id (g_ptr_array_index (self->items, i)));
  ids = g_strv_builder_end (builder);

  g_signal_handlers_block_by_func (self->settings, tandem_ai_provider_list_settings_changed_cb, self);
  g_settings_set_strv (self->settings, "ai-providers", (const char * const *)ids);
  g_signal_handlers_unblock_by_func (self->settings, tandem_ai_provider_list_settings_changed_cb, self);
}

static void
tandem_ai_provider_list_finalize (GObject *object)
{
  TandemAiProviderList *self = TANDEM_AI_PROVIDER_LIST (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->backend);
  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (tandem_ai_provider_list_parent_class)->finalize (object);
}

static void
tandem_ai_provider_list_class_init (TandemAiProviderListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tandem_ai_provider_list_finalize;
}

static void
tandem_ai_provider_list_init (TandemAiProviderList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * tandem_ai_provider_list_new:
 * @backend: (nullable): a settings backend, or %NULL for the default one
 *
 * Returns: (transfer full): the configured providers as a #GListModel of
 *   #TandemAiProviderConfig
 */
TandemAiProviderList *
tandem_ai_provider_list_new (GSettingsBackend *backend)
{
  TandemAiProviderList *self;

  g_return_val_if_fail (backend == NULL || G_IS_SETTINGS_BACKEND (backend), NULL);

  self = g_object_new (TANDEM_AI_TYPE_PROVIDER_LIST, NULL);
  self->backend = backend ? g_object_ref (backend) : NULL;
  self->settings = backend ? g_settings_new_with_backend (SCHEMA_ID, backend)
                           : g_settings_new (SCHEMA_ID);
  g_signal_connect_object (self->settings, "changed::ai-providers",
                           G_CALLBACK (tandem_ai_provider_list_settings_changed_cb),
                           self, G_CONNECT_SWAPPED);
  tandem_ai_provider_list_reload (self);

  return self;
}

/**
 * tandem_ai_provider_list_add:
 * @self: a #TandemAiProviderList
 * @kind: the kind of endpoint
 *
 * Adds a provider with a new id, the kind's name and default base URL, at the end.
 *
 * Returns: (transfer none): the new provider
 */
TandemAiProviderConfig *
tandem_ai_provider_list_add (TandemAiProviderList *self,
                             TandemAiProviderKind  kind)
{
  g_autofree char *id = NULL;
  TandemAiProviderConfig *config;

  g_return_val_if_fail (TANDEM_AI_IS_PROVIDER_LIST (self), NULL);

  id = g_uuid_string_random ();
  config = tandem_ai_provider_config_new (id, self->backend);
  tandem_ai_provider_config_reset (config);
  tandem_ai_provider_config_set_kind (config, kind);
  tandem_ai_provider_config_set_name (config, tandem_ai_provider_kind_get_display_name (kind));
  tandem_ai_provider_config_set_base_url (config, tandem_ai_provider_kind_get_default_base_url (kind));

  g_ptr_array_add (self->items, config);
  tandem_ai_provider_list_write_ids (self);
  g_list_model_items_changed (G_LIST_MODEL (self), self->items->len - 1, 0, 1);

  return config;
}

/**
 * tandem_ai_provider_list_find:
 * @self: a #TandemAiProviderList
 * @id: a provider id
 *
 * Returns: (transfer none) (nullable): the provider with @id
 */
TandemAiProviderConfig *
tandem_ai_provider_list_find (TandemAiProviderList *self,
                              const char           *id)
{
  g_return_val_if_fail (TANDEM_AI_IS_PROVIDER_LIST (self), NULL);

  for (guint i = 0; id != NULL && i < self->items->len; i++)
    {
      TandemAiProviderConfig *config = g_ptr_array_index (self->items, i);

      if (g_strcmp0 (tandem_ai_provider_config_get_id (config), id) == 0)
        return config;
    }

  return NULL;
}

static void
tandem_ai_provider_list_delete_key_cb (GObject      *object,
                                       GAsyncResult *result,
                                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!tandem_ai_secrets_delete_finish (result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * tandem_ai_provider_list_remove_async:
 * @self: a #TandemAiProviderList
 * @id: a provider id
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the key has been removed from the keyring too
 * @user_data: data for @callback
 *
 * Removes the provider from the list at once, resets its settings, then deletes its
 * API key from the keyring. The finish function reports a keyring failure.
 */
void
tandem_ai_provider_list_remove_async (TandemAiProviderList *self,
                                      const char           *id,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (TANDEM_AI_IS_PROVIDER_LIST (self));
  g_return_if_fail (id != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tandem_ai_provider_list_remove_async);

  for (guint i = 0; i < self->items->len; i++)
    {
      TandemAiProviderConfig *config = g_ptr_array_index (self->items, i);

      if (g_strcmp0 (tandem_ai_provider_config_get_id (config), id) == 0)
        {
          tandem_ai_provider_config_reset (config);
          g_ptr_array_remove_index (self->items, i);
          tandem_ai_provider_list_write_ids (self);
          g_list_model_items_changed (G_LIST_MODEL (self), i, 1, 0);
          break;
        }
    }

  tandem_ai_secrets_delete_async (id, NULL, cancellable,
                                  tandem_ai_provider_list_delete_key_cb,
                                  g_steal_pointer (&task));
}

gboolean
tandem_ai_provider_list_remove_finish (TandemAiProviderList  *self,
                                       GAsyncResult          *result,
                                       GError               **error)
{
  g_return_val_if_fail (TANDEM_AI_IS_PROVIDER_LIST (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * tandem_ai_provider_list_move:
 * @self: a #TandemAiProviderList
 * @from: the position of a provider
 * @to: its new position
 *
 * Returns: whether the provider moved
 */
gboolean
tandem_ai_provider_list_move (TandemAiProviderList *self,
                              guint                 from,
                              guint                 to)
{
  gpointer item;

  g_return_val_if_fail (TANDEM_AI_IS_PROVIDER_LIST (self), FALSE);

  if (from >= self->items->len || to >= self->items->len || from == to)
    return FALSE;

  item = g_ptr_array_steal_index (self->items, from);
  g_ptr_array_insert (self->items, to, item);
  tandem_ai_provider_list_write_ids (self);
  g_list_model_items_changed (G_LIST_MODEL (self), MIN (from, to), MAX (from, to) - MIN (from, to) + 1,
                              MAX (from, to) - MIN (from, to) + 1);

  return TRUE;
}
