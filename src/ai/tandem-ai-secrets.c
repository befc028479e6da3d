/* tandem-ai-secrets.c
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

#define G_LOG_DOMAIN "tandem-ai-secrets"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "tandem-ai-secrets.h"

/* API keys live only in the Secret Service. Every call runs on a worker thread with
 * libsecret's synchronous API, so the keyring's D-Bus round trips (and an unlock
 * prompt) never block the main loop. A key is never logged and never put into an
 * error message. */

typedef enum
{
  SECRETS_OP_STORE,
  SECRETS_OP_LOOKUP,
  SECRETS_OP_DELETE,
} SecretsOp;

typedef struct
{
  SecretsOp  op;
  char      *provider_id;
  char      *base_url;
  char      *api_key;
} SecretsTask;

G_DEFINE_QUARK (tandem-ai-secrets-error-quark, tandem_ai_secrets_error)

static const SecretSchema *
tandem_ai_secrets_get_schema (void)
{
  static const SecretSchema schema = {
    "io.github.tandemide.Tandem.ApiKey", SECRET_SCHEMA_NONE,
    {
      { "provider-id", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "base-url", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  };

  return &schema;
}

static void
secrets_task_free (SecretsTask *state)
{
  g_free (state->provider_id);
  g_free (state->base_url);
  if (state->api_key != NULL)
    {
      memset (state->api_key, 0, strlen (state->api_key));
      g_free (state->api_key);
    }
  g_free (state);
}

/* Turns what libsecret and D-Bus report into words a user can act on. */
static GError *
tandem_ai_secrets_translate_error (GError *error)
{
  g_assert (error != NULL);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);

  if (g_error_matches (error, SECRET_ERROR, SECRET_ERROR_IS_LOCKED))
    return g_error_new_literal (TANDEM_AI_SECRETS_ERROR, TANDEM_AI_SECRETS_ERROR_LOCKED,
                                _("The keyring is locked. Unlock it (for example in "
                                  "Passwords and Keys) and try again."));

  if (error->domain == G_DBUS_ERROR || error->domain == G_IO_ERROR ||
      error->domain == G_SPAWN_ERROR)
    {
      if (g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_ACCESS_DENIED))
        return g_error_new_literal (TANDEM_AI_SECRETS_ERROR, TANDEM_AI_SECRETS_ERROR_FAILED,
                                    _("The keyring refused access to the API key."));

      if (error->domain != G_DBUS_ERROR ||
          g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SERVICE_UNKNOWN) ||
          g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_NAME_HAS_NO_OWNER) ||
          g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_NO_SERVER) ||
          g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SPAWN_EXEC_FAILED) ||
          g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SPAWN_CHILD_EXITED) ||
          g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SPAWN_SERVICE_NOT_FOUND) ||
          g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SPAWN_FAILED) ||
          g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_NOT_SUPPORTED) ||
          g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_FILE_NOT_FOUND) ||
          g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_DISCONNECTED) ||
          g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD) ||
          g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_OBJECT))
        return g_error_new_literal (TANDEM_AI_SECRETS_ERROR, TANDEM_AI_SECRETS_ERROR_NO_SERVICE,
                                    _("No keyring is available: install and start GNOME "
                                      "Keyring (or another Secret Service) to store API keys"));
    }

  if (g_dbus_error_is_remote_error (error))
    {
      g_autofree char *remote = g_dbus_error_get_remote_error (error);

      if (g_strcmp0 (remote, "org.freedesktop.Secret.Error.IsLocked") == 0)
        return g_error_new_literal (TANDEM_AI_SECRETS_ERROR, TANDEM_AI_SECRETS_ERROR_LOCKED,
                                    _("The keyring is locked. Unlock it (for example in "
                                      "Passwords and Keys) and try again."));
    }

  /* libsecret's messages name objects and methods, never secret values. */
  return g_error_new (TANDEM_AI_SECRETS_ERROR, TANDEM_AI_SECRETS_ERROR_FAILED,
                      _("The keyring could not be used: %s"), error->message);
}

static GHashTable *
tandem_ai_secrets_attributes (const char *provider_id,
                              const char *base_url)
{
  GHashTable *attributes = g_hash_table_new (g_str_hash, g_str_equal);

  g_hash_table_insert (attributes, (gpointer)"provider-id", (gpointer)provider_id);
  if (base_url != NULL)
    g_hash_table_insert (attributes, (gpointer)"base-url", (gpointer)base_url);

  return attributes;
}

static void
tandem_ai_secrets_thread (GTask        *task,
                          gpointer      source_object,
                          gpointer      task_data,
                          GCancellable *cancellable)
{
  SecretsTask *state = task_data;
  g_autoptr(SecretService) service = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  g_autoptr(GError) error = NULL;

  g_assert (G_IS_TASK (task));
  g_assert (state != NULL);

  service = secret_service_get_sync (SECRET_SERVICE_OPEN_SESSION, cancellable, &error);
  if (service == NULL)
    {
      g_task_return_error (task, tandem_ai_secrets_translate_error (error));
      return;
    }

  attributes = tandem_ai_secrets_attributes (state->provider_id, state->base_url);

  switch (state->op)
    {
    case SECRETS_OP_STORE:
      {
        g_autoptr(SecretValue) value = NULL;
        g_autofree char *label = NULL;

        value = secret_value_new (state->api_key, -1, "text/plain");
        /* Translators: the label of the API key in the keyring; %s is a URL */
        label = g_strdup_printf (_("Tandem API key for %s"), state->base_url);
        if (!secret_service_store_sync (service, tandem_ai_secrets_get_schema (), attributes,
                                        SECRET_COLLECTION_DEFAULT, label, value,
                                        cancellable, &error))
          g_task_return_error (task, tandem_ai_secrets_translate_error (error));
        else
          g_task_return_boolean (task, TRUE);
      }
      break;

    case SECRETS_OP_LOOKUP:
      {
        GList *items;
        char *found = NULL;
        gboolean locked = FALSE;

        items = secret_service_search_sync (service, tandem_ai_secrets_get_schema (), attributes,
                                            SECRET_SEARCH_UNLOCK | SECRET_SEARCH_LOAD_SECRETS,
                                            cancellable, &error);
        if (error != NULL)
          {
            g_task_return_error (task, tandem_ai_secrets_translate_error (error));
            return;
          }

        for (const GList *l = items; l != NULL && found == NULL; l = l->next)
          {
            SecretItem *item = l->data;
            g_autoptr(SecretValue) value = NULL;

            /* A locked item means the unlock prompt was dismissed or could not be shown. */
            if (secret_item_get_locked (item))
              {
                locked = TRUE;
                continue;
              }

            value = secret_item_get_secret (item);
            if (value != NULL)
              found = g_strdup (secret_value_get_text (value));
          }
        g_list_free_full (items, g_object_unref);

        if (found == NULL && locked)
          g_task_return_new_error (task, TANDEM_AI_SECRETS_ERROR, TANDEM_AI_SECRETS_ERROR_LOCKED,
                                   _("The keyring is locked. Unlock it (for example in "
                                     "Passwords and Keys) and try again."));
        else
          g_task_return_pointer (task, found, g_free);
      }
      break;

    case SECRETS_OP_DELETE:
      if (!secret_service_clear_sync (service, tandem_ai_secrets_get_schema (), attributes,
                                      cancellable, &error) && error != NULL)
        g_task_return_error (task, tandem_ai_secrets_translate_error (error));
      else
        g_task_return_boolean (task, TRUE);
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
tandem_ai_secrets_run (SecretsOp            op,
                       const char          *provider_id,
                       const char          *base_url,
                       const char          *api_key,
                       gpointer             source_tag,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SecretsTask *state;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);

  state = g_new0 (SecretsTask, 1);
  state->op = op;
  state->provider_id = g_strdup (provider_id);
  state->base_url = g_strdup (base_url);
  state->api_key = g_strdup (api_key);
  g_task_set_task_data (task, state, (GDestroyNotify)secrets_task_free);

  g_task_run_in_thread (task, tandem_ai_secrets_thread);
}

/**
 * tandem_ai_secrets_store_async:
 * @provider_id: the provider's id
 * @base_url: the endpoint the key is for; the key is only ever sent there
 * @api_key: the key
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Stores @api_key in the default keyring, replacing the key saved for the same
 * provider and endpoint.
 */
void
tandem_ai_secrets_store_async (const char          *provider_id,
                               const char          *base_url,
                               const char          *api_key,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (provider_id != NULL);
  g_return_if_fail (base_url != NULL);
  g_return_if_fail (api_key != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  tandem_ai_secrets_run (SECRETS_OP_STORE, provider_id, base_url, api_key,
                         tandem_ai_secrets_store_async, cancellable, callback, user_data);
}

gboolean
tandem_ai_secrets_store_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * tandem_ai_secrets_lookup_async:
 * @provider_id: the provider's id
 * @base_url: the endpoint
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Looks up the key saved for @provider_id and @base_url. A locked keyring is
 * unlocked through the desktop's prompt when there is one.
 */
void
tandem_ai_secrets_lookup_async (const char          *provider_id,
                                const char          *base_url,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (provider_id != NULL);
  g_return_if_fail (base_url != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  tandem_ai_secrets_run (SECRETS_OP_LOOKUP, provider_id, base_url, NULL,
                         tandem_ai_secrets_lookup_async, cancellable, callback, user_data);
}

/**
 * tandem_ai_secrets_lookup_finish:
 * @result: the result
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): the key, or %NULL with @error unset when no
 *   key is saved
 */
char *
tandem_ai_secrets_lookup_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * tandem_ai_secrets_delete_async:
 * @provider_id: the provider's id
 * @base_url: (nullable): the endpoint, or %NULL for every key of @provider_id
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Removes the saved key. Removing a key that does not exist succeeds.
 */
void
tandem_ai_secrets_delete_async (const char          *provider_id,
                                const char          *base_url,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (provider_id != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  tandem_ai_secrets_run (SECRETS_OP_DELETE, provider_id, base_url, NULL,
                         tandem_ai_secrets_delete_async, cancellable, callback, user_data);
}

gboolean
tandem_ai_secrets_delete_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * tandem_ai_secrets_mask:
 * @api_key: a key
 *
 * Returns: (transfer full): the key for display, e.g. "sk-…abcd": the first three and
 *   last four characters of a long key, only dots for a short one
 */
char *
tandem_ai_secrets_mask (const char *api_key)
{
  gsize len;

  g_return_val_if_fail (api_key != NULL, NULL);

  len = strlen (api_key);
  if (len < 16)
    return g_strdup ("••••••••");

  return g_strdup_printf ("%.3s…%s", api_key, api_key + len - 4);
}
