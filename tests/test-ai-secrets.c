/* test-ai-secrets.c
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

#include <signal.h>
#include <string.h>
#include <unistd.h>

#include <libsecret/secret.h>

#include "tandem-ai-secrets.h"
#include "tandem-test.h"

#define TIMEOUT_MS 20000
#define KEY_A "sk-test-AAAAAAAAAAAAAAAAAAAAAAAAAAAAabcd"
#define KEY_B "sk-test-BBBBBBBBBBBBBBBBBBBBBBBBBBBBwxyz"
#define URL "https://api.example.com"

static GPid keyring_pid;

static gboolean
store (const char  *id,
       const char  *url,
       const char  *key,
       GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tandem_ai_secrets_store_async (id, url, key, NULL, tandem_test_store_result_cb, &result);
  return tandem_ai_secrets_store_finish (tandem_test_wait_result (&result, TIMEOUT_MS), error);
}

static char *
lookup (const char  *id,
        const char  *url,
        GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tandem_ai_secrets_lookup_async (id, url, NULL, tandem_test_store_result_cb, &result);
  return tandem_ai_secrets_lookup_finish (tandem_test_wait_result (&result, TIMEOUT_MS), error);
}

static gboolean
delete_key (const char  *id,
            const char  *url,
            GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tandem_ai_secrets_delete_async (id, url, NULL, tandem_test_store_result_cb, &result);
  return tandem_ai_secrets_delete_finish (tandem_test_wait_result (&result, TIMEOUT_MS), error);
}

/* Whether any file below @path contains @needle. */
static gboolean
tree_contains (const char *path,
               const char *needle)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_autofree char *contents = NULL;
      gsize length;

      if (!g_file_get_contents (path, &contents, &length, NULL))
        return FALSE;
      /* Byte by byte: the file may be binary. */
      for (gsize i = 0; i + strlen (needle) <= length; i++)
        if (memcmp (contents + i, needle, strlen (needle)) == 0)
          return TRUE;
      return FALSE;
    }

  while ((name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (!g_file_test (child, G_FILE_TEST_IS_SYMLINK) && tree_contains (child, needle))
        return TRUE;
    }

  return FALSE;
}

static void
test_store_lookup_replace_delete (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  g_autofree char *replaced = NULL;
  g_autofree char *gone = NULL;

  g_assert_true (store ("p1", URL, KEY_A, &error));
  g_assert_no_error (error);
  key = lookup ("p1", URL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (key, ==, KEY_A);

  g_assert_true (store ("p1", URL, KEY_B, &error));
  replaced = lookup ("p1", URL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (replaced, ==, KEY_B);

  g_assert_true (delete_key ("p1", URL, &error));
  g_assert_no_error (error);
  gone = lookup ("p1", URL, &error);
  g_assert_no_error (error);
  g_assert_null (gone);

  /* Deleting what is not there is not an error. */
  g_assert_true (delete_key ("p1", NULL, &error));
  g_assert_no_error (error);
}

static void
test_isolated (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *other_url = NULL;
  g_autofree char *after = NULL;

  g_assert_true (store ("pa", URL, KEY_A, &error));
  g_assert_true (store ("pb", URL, KEY_B, &error));
  g_assert_no_error (error);

  a = lookup ("pa", URL, &error);
  b = lookup ("pb", URL, &error);
  g_assert_cmpstr (a, ==, KEY_A);
  g_assert_cmpstr (b, ==, KEY_B);

  /* The key is bound to its endpoint too. */
  other_url = lookup ("pa", "https://evil.example.net", &error);
  g_assert_no_error (error);
  g_assert_null (other_url);

  /* Removing a provider's keys leaves the other's. */
  g_assert_true (delete_key ("pa", NULL, &error));
  after = lookup ("pb", URL, &error);
  g_assert_cmpstr (after, ==, KEY_B);
  g_assert_true (delete_key ("pb", NULL, &error));
}

static void
test_mask (void)
{
  g_autofree char *masked = tandem_ai_secrets_mask (KEY_A);
  g_autofree char *short_masked = tandem_ai_secrets_mask ("abc123");

  g_assert_cmpstr (masked, ==, "sk-…abcd");
  g_assert_null (strstr (short_masked, "abc"));
}

static void
test_locked (void)
{
  g_autoptr(SecretService) service = NULL;
  g_autoptr(SecretCollection) collection = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  GList *objects = NULL;
  GList *unlocked = NULL;

  g_assert_true (store ("locked", URL, KEY_A, &error));
  g_assert_no_error (error);

  service = secret_service_get_sync (SECRET_SERVICE_LOAD_COLLECTIONS, NULL, &error);
  g_assert_no_error (error);
  collection = secret_collection_for_alias_sync (service, SECRET_COLLECTION_DEFAULT,
                                                 SECRET_COLLECTION_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (collection);
  objects = g_list_append (NULL, collection);
  secret_service_lock_sync (service, objects, NULL, NULL, &error);
  g_assert_no_error (error);

  /* Nobody can answer the unlock prompt here: the user sees why there is no key. */
  key = lookup ("locked", URL, &error);
  g_assert_null (key);
  g_assert_error (error, TANDEM_AI_SECRETS_ERROR, TANDEM_AI_SECRETS_ERROR_LOCKED);
  g_assert_true (strstr (error->message, "locked") != NULL);
  g_assert_null (strstr (error->message, KEY_A));
  g_clear_error (&error);

  secret_service_unlock_sync (service, objects, NULL, &unlocked, &error);
  g_list_free (unlocked);
  g_list_free (objects);
}

static void
test_no_service (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *key = NULL;

      g_assert_false (store ("p", URL, KEY_A, &error));
      g_assert_error (error, TANDEM_AI_SECRETS_ERROR, TANDEM_AI_SECRETS_ERROR_NO_SERVICE);
      g_assert_true (strstr (error->message, "No keyring is available") != NULL);
      g_clear_error (&error);

      key = lookup ("p", URL, &error);
      g_assert_null (key);
      g_assert_error (error, TANDEM_AI_SECRETS_ERROR, TANDEM_AI_SECRETS_ERROR_NO_SERVICE);

      /* Nothing was written in plain text instead. */
      g_assert_false (tree_contains (tandem_test_get_tmpdir (), KEY_A));
      return;
    }

  g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* After keys were stored, read and replaced, no file of the test's home holds one. */
static void
test_no_key_in_files (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;

  g_assert_true (store ("files", URL, KEY_A, &error));
  key = lookup ("files", URL, &error);
  g_assert_cmpstr (key, ==, KEY_A);

  g_assert_false (tree_contains (tandem_test_get_tmpdir (), KEY_A));
  g_assert_false (tree_contains (tandem_test_get_tmpdir (), KEY_B));
}

static gboolean
has_keyring (gpointer data)
{
  GDBusConnection *bus = data;
  g_autoptr(GVariant) reply = NULL;
  gboolean has = FALSE;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", "org.freedesktop.secrets"),
                                       G_VARIANT_TYPE ("(b)"), 0, -1, NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &has);
  return has;
}

/* A throwaway gnome-keyring, unlocked with a known password, on the test's own bus. */
static void
start_keyring (void)
{
  const char *argv[] = {
    "gnome-keyring-daemon", "--unlock", "--components=secrets", "--foreground", NULL,
  };
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *runtime = NULL;
  int stdin_fd;

  runtime = g_build_filename (tandem_test_get_tmpdir (), "runtime", NULL);
  g_mkdir_with_parents (runtime, 0700);
  g_setenv ("XDG_RUNTIME_DIR", runtime, TRUE);

  g_spawn_async_with_pipes (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD,
                            NULL, NULL, &keyring_pid, &stdin_fd, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (write (stdin_fd, "pw", 2), ==, 2);
  close (stdin_fd);

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (tandem_test_wait_until (has_keyring, bus, TIMEOUT_MS));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GTestDBus) dbus = NULL;
  int ret;

  tandem_test_init (&argc, &argv);

  /* A private bus: never the developer's keyring, and in the subprocess one without any. */
  dbus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (dbus);
  if (!g_test_subprocess ())
    start_keyring ();

  g_test_add_func ("/ai/secrets/store-lookup-replace-delete", test_store_lookup_replace_delete);
  g_test_add_func ("/ai/secrets/isolated", test_isolated);
  g_test_add_func ("/ai/secrets/mask", test_mask);
  g_test_add_func ("/ai/secrets/no-key-in-files", test_no_key_in_files);
  g_test_add_func ("/ai/secrets/locked", test_locked);
  g_test_add_func ("/ai/secrets/no-service", test_no_service);

  ret = g_test_run ();

  secret_service_disconnect ();
  if (keyring_pid != 0)
    {
      kill (keyring_pid, SIGTERM);
      g_spawn_close_pid (keyring_pid);
    }
  g_test_dbus_down (dbus);

  return ret;
}
