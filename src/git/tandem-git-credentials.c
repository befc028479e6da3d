/* tandem-git-credentials.c
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

#define G_LOG_DOMAIN "tandem-git-credentials"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <libsecret/secret.h>

#include "tandem-git-credentials.h"
#include "tandem-git-error.h"

/* A secret never goes into a log line or an error message: errors name the keyring,
 * the host and the user only. */

static const SecretSchema *
tandem_git_credentials_get_schema (void)
{
  static const SecretSchema schema = {
    TANDEM_GIT_CREDENTIAL_SCHEMA_NAME, SECRET_SCHEMA_NONE,
    {
      { "protocol", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "host", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  };

  return &schema;
}

static GHashTable *
credential_attributes (const char *protocol,
                       const char *host,
                       const char *user)
{
  GHashTable *attributes = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert (protocol != NULL);
  g_assert (host != NULL);

  g_hash_table_insert (attributes, (gpointer)"protocol", (gpointer)protocol);
  g_hash_table_insert (attributes, (gpointer)"host", (gpointer)host);
  if (user != NULL)
    g_hash_table_insert (attributes, (gpointer)"user", (gpointer)user);

  return attributes;
}

static gboolean
keyring_failed (GError  *error,
                GError **out_error)
{
  g_assert (error != NULL);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (out_error, error);
  else
    {
      /* libsecret's messages name services and objects, never secret values. */
      g_set_error (out_error, TANDEM_GIT_ERROR, TANDEM_GIT_ERROR_FAILED,
                   _("The keyring could not be used: %s"), error->message);
      g_error_free (error);
    }

  return FALSE;
}

static SecretService *
get_service (GCancellable  *cancellable,
             GError       **error)
{
  GError *local_error = NULL;
  SecretService *service;

  service = secret_service_get_sync (SECRET_SERVICE_OPEN_SESSION, cancellable, &local_error);
  if (service == NULL)
    keyring_failed (local_error, error);

  return service;
}

gboolean
tandem_git_credentials_lookup (const char    *protocol,
                               const char    *host,
                               const char    *user,
                               char         **found_user,
                               char         **found_secret,
                               GCancellable  *cancellable,
                               GError       **error)
{
  g_autoptr(SecretService) service = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  GError *local_error = NULL;
  GList *items;
  gboolean found = FALSE;

  g_return_val_if_fail (protocol != NULL, FALSE);
  g_return_val_if_fail (host != NULL, FALSE);
  g_return_val_if_fail (found_user != NULL, FALSE);
  g_return_val_if_fail (found_secret != NULL, FALSE);

  *found_user = NULL;
  *found_secret = NULL;

  if (!(service = get_service (cancellable, error)))
    return FALSE;

  attributes = credential_attributes (protocol, host, user);
  items = secret_service_search_sync (service, tandem_git_credentials_get_schema (), attributes,
                                      SECRET_SEARCH_UNLOCK | SECRET_SEARCH_LOAD_SECRETS,
                                      cancellable, &local_error);
  if (local_error != NULL)
    return keyring_failed (local_error, error);

  for (const GList *l = items; l != NULL && !found; l = l->next)
    {
      SecretItem *item = l->data;
      g_autoptr(SecretValue) value = secret_item_get_secret (item);
      g_autoptr(GHashTable) item_attributes = secret_item_get_attributes (item);
      const char *item_user = g_hash_table_lookup (item_attributes, "user");
      const char *text;

      if (value == NULL || item_user == NULL || !(text = secret_value_get_text (value)))
        continue;

      *found_user = g_strdup (item_user);
      *found_secret = g_strdup (text);
      found = TRUE;
    }
  g_list_free_full (items, g_object_unref);

  return found;
}

gboolean
tandem_git_credentials_store (const char    *protocol,
                              const char    *host,
                              const char    *user,
                              const char    *secret,
                              GCancellable  *cancellable,
                              GError       **error)
{
  g_autoptr(SecretService) service = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  g_autoptr(SecretValue) value = NULL;
  g_autofree char *label = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (protocol != NULL, FALSE);
  g_return_val_if_fail (host != NULL, FALSE);
  g_return_val_if_fail (user != NULL, FALSE);
  g_return_val_if_fail (secret != NULL, FALSE);

  if (!(service = get_service (cancellable, error)))
    return FALSE;

  attributes = credential_attributes (protocol, host, user);
  value = secret_value_new (secret, -1, "text/plain");
  /* Translators: the label of a saved password in the keyring: user and host */
  label = g_strdup_printf (_("Git password for %s on %s"), user, host);
  if (!secret_service_store_sync (service, tandem_git_credentials_get_schema (), attributes,
                                  SECRET_COLLECTION_DEFAULT, label, value,
                                  cancellable, &local_error))
    return keyring_failed (local_error, error);

  return TRUE;
}

gboolean
tandem_git_credentials_delete (const char    *protocol,
                               const char    *host,
                               const char    *user,
                               GCancellable  *cancellable,
                               GError       **error)
{
  g_autoptr(SecretService) service = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (protocol != NULL, FALSE);
  g_return_val_if_fail (host != NULL, FALSE);
  g_return_val_if_fail (user != NULL, FALSE);

  if (!(service = get_service (cancellable, error)))
    return FALSE;

  attributes = credential_attributes (protocol, host, user);
  /* FALSE without an error means there was nothing to delete. */
  secret_service_clear_sync (service, tandem_git_credentials_get_schema (), attributes,
                             cancellable, &local_error);
  if (local_error != NULL)
    return keyring_failed (local_error, error);

  return TRUE;
}

char *
tandem_git_known_hosts_dup_path (void)
{
  /* libgit2 finds the file through $HOME, which g_get_home_dir() follows too. */
  return g_build_filename (g_get_home_dir (), ".ssh", "known_hosts", NULL);
}

char *
tandem_git_known_hosts_format_host (const char *host,
                                    guint       port)
{
  g_return_val_if_fail (host != NULL, NULL);

  if (port == 0 || port == 22)
    return g_strdup (host);

  return g_strdup_printf ("[%s]:%u", host, port);
}

/* A "|1|salt|hash" entry: hash = HMAC-SHA1 of the name keyed with salt. */
static gboolean
hashed_host_matches (const char *pattern,
                     const char *name)
{
  g_auto(GStrv) parts = g_strsplit (pattern, "|", -1);
  g_autofree guchar *salt = NULL;
  g_autofree guchar *hash = NULL;
  g_autoptr(GHmac) hmac = NULL;
  guint8 digest[20];
  gsize digest_len = sizeof digest;
  gsize salt_len;
  gsize hash_len;

  g_assert (pattern != NULL);
  g_assert (name != NULL);

  /* "", "1", salt, hash */
  if (g_strv_length (parts) != 4 || g_strcmp0 (parts[1], "1") != 0)
    return FALSE;

  salt = g_base64_decode (parts[2], &salt_len);
  hash = g_base64_decode (parts[3], &hash_len);
  if (hash_len != sizeof digest)
    return FALSE;

  hmac = g_hmac_new (G_CHECKSUM_SHA1, salt, salt_len);
  g_hmac_update (hmac, (const guchar *)name, strlen (name));
  g_hmac_get_digest (hmac, digest, &digest_len);

  return memcmp (digest, hash, sizeof digest) == 0;
}

static gboolean
hosts_field_matches (const char *field,
                     const char *name)
{
  g_auto(GStrv) patterns = g_strsplit (field, ",", -1);
  gboolean matched = FALSE;

  g_assert (field != NULL);
  g_assert (name != NULL);

  for (guint i = 0; patterns[i] != NULL; i++)
    {
      const char *pattern = patterns[i];

      if (pattern[0] == '!')
        {
          if (g_pattern_match_simple (pattern + 1, name))
            return FALSE;
        }
      else if (pattern[0] == '|')
        matched |= hashed_host_matches (pattern, name);
      else
        matched |= g_pattern_match_simple (pattern, name);
    }

  return matched;
}

TandemGitHostKeyStatus
tandem_git_known_hosts_check (const char *path,
                              const char *host,
                              guint       port,
                              const char *key_type,
                              const char *key_base64)
{
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  g_auto(GStrv) lines = NULL;
  TandemGitHostKeyStatus status = TANDEM_GIT_HOST_KEY_UNKNOWN;

  g_return_val_if_fail (path != NULL, TANDEM_GIT_HOST_KEY_UNKNOWN);
  g_return_val_if_fail (host != NULL, TANDEM_GIT_HOST_KEY_UNKNOWN);
  g_return_val_if_fail (key_type != NULL, TANDEM_GIT_HOST_KEY_UNKNOWN);
  g_return_val_if_fail (key_base64 != NULL, TANDEM_GIT_HOST_KEY_UNKNOWN);

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return TANDEM_GIT_HOST_KEY_UNKNOWN;

  name = tandem_git_known_hosts_format_host (host, port);
  lines = g_strsplit (contents, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;

      g_strstrip (lines[i]);
      /* Comments, and @cert-authority / @revoked lines, which we do not use. */
      if (lines[i][0] == '\0' || lines[i][0] == '#' || lines[i][0] == '@')
        continue;

      fields = g_strsplit_set (lines[i], " \t", 4);
      if (g_strv_length (fields) < 3 || !hosts_field_matches (fields[0], name))
        continue;

      if (g_strcmp0 (fields[1], key_type) != 0)
        continue;

      if (g_strcmp0 (fields[2], key_base64) == 0)
        return TANDEM_GIT_HOST_KEY_KNOWN;

      status = TANDEM_GIT_HOST_KEY_CHANGED;
    }

  return status;
}

/* A file whose last line lacks its newline would swallow ours. */
static gboolean
ends_without_newline (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert (path != NULL);

  return g_file_get_contents (path, &contents, &length, NULL) &&
         length > 0 && contents[length - 1] != '\n';
}

gboolean
tandem_git_known_hosts_append (const char  *path,
                               const char  *host,
                               guint        port,
                               const char  *key_type,
                               const char  *key_base64,
                               GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *name = NULL;
  g_autofree char *line = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (host != NULL, FALSE);
  g_return_val_if_fail (key_type != NULL, FALSE);
  g_return_val_if_fail (key_base64 != NULL, FALSE);

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, TANDEM_GIT_ERROR, TANDEM_GIT_ERROR_FAILED,
                   _("Could not create the folder %s: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }

  name = tandem_git_known_hosts_format_host (host, port);
  line = g_strdup_printf ("%s%s %s %s\n", ends_without_newline (path) ? "\n" : "",
                          name, key_type, key_base64);

  file = g_file_new_for_path (path);
  stream = g_file_append_to (file, G_FILE_CREATE_NONE, NULL, &local_error);
  if (stream == NULL ||
      !g_output_stream_write_all (G_OUTPUT_STREAM (stream), line, strlen (line), NULL, NULL,
                                  &local_error) ||
      !g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, &local_error))
    {
      g_set_error (error, TANDEM_GIT_ERROR, TANDEM_GIT_ERROR_FAILED,
                   _("Could not add the host key to %s: %s"), path, local_error->message);
      return FALSE;
    }

  return TRUE;
}
