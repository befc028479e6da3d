/* test-git-credentials.c
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

#include "git-servers.h"
#include "git-test-workers.h"
#include "tandem-git-credentials.h"
#include "tandem-test.h"

#define KEY_A "AAAAC3NzaC1lZDI1NTE5AAAAIOv8m0BRUOJZCoNjcWq5kU3oXPa+IHSgCPa0JRSyPZ5W"
#define KEY_B "AAAAC3NzaC1lZDI1NTE5AAAAIBGpDhBaBUODTtuOQTG7Eb5wDI4M5q6fRB5V0sDQ0sHx"
#define TOKEN_1 "ghp_FirstTokenValue0123456789abcdef"
#define TOKEN_2 "ghp_SecondTokenValue0123456789abcdef"

static void
assert_lookup (const char *protocol,
               const char *host,
               const char *user,
               const char *expected_user,
               const char *expected_secret)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *found_user = NULL;
  g_autofree char *found_secret = NULL;
  gboolean found;

  found = tandem_git_credentials_lookup (protocol, host, user, &found_user, &found_secret,
                                         NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (found, ==, expected_secret != NULL);
  g_assert_cmpstr (found_user, ==, expected_user);
  g_assert_cmpstr (found_secret, ==, expected_secret);
}

static void
test_store_lookup_delete (void)
{
  g_autoptr(GError) error = NULL;

  assert_lookup ("https", "example.com", NULL, NULL, NULL);

  g_assert_true (tandem_git_credentials_store ("https", "example.com", "alice", TOKEN_1,
                                               NULL, &error));
  g_assert_no_error (error);
  assert_lookup ("https", "example.com", "alice", "alice", TOKEN_1);
  /* Any user of the host. */
  assert_lookup ("https", "example.com", NULL, "alice", TOKEN_1);
  /* Another user, port, host or protocol is another entry. */
  assert_lookup ("https", "example.com", "bob", NULL, NULL);
  assert_lookup ("https", "example.com:8443", NULL, NULL, NULL);
  assert_lookup ("https", "example.org", NULL, NULL, NULL);
  assert_lookup ("http", "example.com", NULL, NULL, NULL);

  /* Storing again replaces. */
  g_assert_true (tandem_git_credentials_store ("https", "example.com", "alice", TOKEN_2,
                                               NULL, &error));
  g_assert_no_error (error);
  assert_lookup ("https", "example.com", "alice", "alice", TOKEN_2);

  g_assert_false (git_test_tree_contains (tandem_test_get_tmpdir (), TOKEN_2));

  g_assert_true (tandem_git_credentials_delete ("https", "example.com", "alice", NULL, &error));
  g_assert_no_error (error);
  assert_lookup ("https", "example.com", NULL, NULL, NULL);
  /* Deleting what is not there is fine. */
  g_assert_true (tandem_git_credentials_delete ("https", "example.com", "alice", NULL, &error));
  g_assert_no_error (error);
}

static void
test_format_host (void)
{
  g_autofree char *plain = tandem_git_known_hosts_format_host ("example.com", 22);
  g_autofree char *no_port = tandem_git_known_hosts_format_host ("example.com", 0);
  g_autofree char *ported = tandem_git_known_hosts_format_host ("127.0.0.1", 2222);
  g_autofree char *path = tandem_git_known_hosts_dup_path ();
  g_autofree char *expected = g_build_filename (g_get_home_dir (), ".ssh", "known_hosts", NULL);

  g_assert_cmpstr (plain, ==, "example.com");
  g_assert_cmpstr (no_port, ==, "example.com");
  g_assert_cmpstr (ported, ==, "[127.0.0.1]:2222");
  g_assert_cmpstr (path, ==, expected);
}

static void
test_check (void)
{
  g_autofree char *dir = tandem_test_make_dir ("check");
  g_autofree char *path = g_build_filename (dir, "known_hosts", NULL);
  g_autofree char *contents = NULL;
  const char *keygen_argv[] = { "ssh-keygen", "-H", "-f", path, NULL };
  g_autoptr(GSubprocess) keygen = NULL;
  g_autoptr(GError) error = NULL;

  contents = g_strdup_printf ("# a comment\n"
                              "\n"
                              "example.com,alias.example.com ssh-ed25519 %s\n"
                              "[127.0.0.1]:2222 ssh-ed25519 %s comment\n"
                              "*.wild.example ssh-ed25519 %s\n"
                              "other.example ecdsa-sha2-nistp256 AAAAE2VjZHNh\n",
                              KEY_A, KEY_B, KEY_A);
  g_assert_true (g_file_set_contents (path, contents, -1, NULL));

  g_assert_cmpint (tandem_git_known_hosts_check (path, "example.com", 22, "ssh-ed25519", KEY_A),
                   ==, TANDEM_GIT_HOST_KEY_KNOWN);
  g_assert_cmpint (tandem_git_known_hosts_check (path, "alias.example.com", 22, "ssh-ed25519", KEY_A),
                   ==, TANDEM_GIT_HOST_KEY_KNOWN);
  g_assert_cmpint (tandem_git_known_hosts_check (path, "example.com", 22, "ssh-ed25519", KEY_B),
                   ==, TANDEM_GIT_HOST_KEY_CHANGED);
  /* The port is part of the name. */
  g_assert_cmpint (tandem_git_known_hosts_check (path, "127.0.0.1", 2222, "ssh-ed25519", KEY_B),
                   ==, TANDEM_GIT_HOST_KEY_KNOWN);
  g_assert_cmpint (tandem_git_known_hosts_check (path, "127.0.0.1", 22, "ssh-ed25519", KEY_B),
                   ==, TANDEM_GIT_HOST_KEY_UNKNOWN);
  g_assert_cmpint (tandem_git_known_hosts_check (path, "127.0.0.1", 2222, "ssh-ed25519", KEY_A),
                   ==, TANDEM_GIT_HOST_KEY_CHANGED);
  g_assert_cmpint (tandem_git_known_hosts_check (path, "a.wild.example", 22, "ssh-ed25519", KEY_A),
                   ==, TANDEM_GIT_HOST_KEY_KNOWN);
  /* A key of another type is not a changed key. */
  g_assert_cmpint (tandem_git_known_hosts_check (path, "other.example", 22, "ssh-ed25519", KEY_A),
                   ==, TANDEM_GIT_HOST_KEY_UNKNOWN);
  g_assert_cmpint (tandem_git_known_hosts_check (path, "nowhere.example", 22, "ssh-ed25519", KEY_A),
                   ==, TANDEM_GIT_HOST_KEY_UNKNOWN);

  /* Hashed by OpenSSH itself: the names are gone from the file, the answers stay. */
  keygen = g_subprocess_newv (keygen_argv, G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                              G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (keygen, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_null (strstr (contents, "example.com"));
  g_assert_nonnull (strstr (contents, "|1|"));

  g_assert_cmpint (tandem_git_known_hosts_check (path, "alias.example.com", 22, "ssh-ed25519", KEY_A),
                   ==, TANDEM_GIT_HOST_KEY_KNOWN);
  g_assert_cmpint (tandem_git_known_hosts_check (path, "127.0.0.1", 2222, "ssh-ed25519", KEY_B),
                   ==, TANDEM_GIT_HOST_KEY_KNOWN);
  g_assert_cmpint (tandem_git_known_hosts_check (path, "127.0.0.1", 2222, "ssh-ed25519", KEY_A),
                   ==, TANDEM_GIT_HOST_KEY_CHANGED);

  /* No file at all. */
  g_assert_cmpint (tandem_git_known_hosts_check ("/nonexistent/known_hosts", "example.com", 22,
                                                 "ssh-ed25519", KEY_A),
                   ==, TANDEM_GIT_HOST_KEY_UNKNOWN);
}

static void
test_append (void)
{
  g_autofree char *path = tandem_git_known_hosts_dup_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *contents = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  const char *find_argv[] = { "ssh-keygen", "-F", "[127.0.0.1]:2222", "-f", path, NULL };
  g_autoptr(GSubprocess) find = NULL;
  g_autofree char *found = NULL;
  struct stat st;

  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));

  g_assert_true (tandem_git_known_hosts_append (path, "127.0.0.1", 2222, "ssh-ed25519", KEY_A,
                                                &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  /* A last line without its newline does not swallow the next entry. */
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  expected = g_strconcat (contents, "# no newline", NULL);
  g_assert_true (g_file_set_contents (path, expected, -1, NULL));
  g_assert_true (tandem_git_known_hosts_append (path, "example.com", 22, "ssh-ed25519", KEY_B,
                                                &error));
  g_assert_no_error (error);

  g_clear_pointer (&contents, g_free);
  g_clear_pointer (&expected, g_free);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  expected = g_strdup_printf ("[127.0.0.1]:2222 ssh-ed25519 %s\n# no newline\n"
                              "example.com ssh-ed25519 %s\n", KEY_A, KEY_B);
  g_assert_cmpstr (contents, ==, expected);

  g_assert_cmpint (tandem_git_known_hosts_check (path, "example.com", 22, "ssh-ed25519", KEY_B),
                   ==, TANDEM_GIT_HOST_KEY_KNOWN);

  /* OpenSSH reads what we wrote. */
  find = g_subprocess_newv (find_argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (find, NULL, NULL, &found, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (found, KEY_A));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  tandem_test_init (&argc, &argv);
  git_test_keyring_start ();

  g_test_add_func ("/git/credentials/store-lookup-delete", test_store_lookup_delete);
  g_test_add_func ("/git/credentials/known-hosts/format-host", test_format_host);
  g_test_add_func ("/git/credentials/known-hosts/check", test_check);
  g_test_add_func ("/git/credentials/known-hosts/append", test_append);

  ret = g_test_run ();

  git_test_wait_workers ();
  git_test_keyring_stop ();
  git_test_wait_workers ();

  return ret;
}
