/* test-git-remote.c
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

#include <glib/gstdio.h>

#include "git-servers.h"
#include "git-test-workers.h"
#include "tandem-git-credentials.h"
#include "tandem-git-error.h"
#include "tandem-git-remote.h"
#include "tandem-test.h"

#define TIMEOUT_MS 60000
#define HTTP_USER "alice"
#define HTTP_PASSWORD "Http-Pa55word-7f3a9c"
#define SSH_PASSPHRASE "correct horse battery"

static char *remotes;          /* bare repositories served by every server */
static GitTestServer *daemon_server;
static GitTestServer *http_server;
static GitTestServer *https_server;
static GitTestServer *ssh_server;
static guint n_dirs;

/* Answers the operation's questions as a user would, and counts them. */
typedef struct
{
  TandemGitOperation   *operation;
  const char           *username;
  const char           *password;
  const char           *passphrase;
  TandemGitPromptTrust  trust;
  gboolean              remember;
  gboolean              cancel;       /* press Cancel of the operation instead */
  gboolean              later;        /* answer from a timeout, holding the prompt */

  guint                 n_prompts;
  guint                 n_kind[TANDEM_GIT_PROMPT_CERTIFICATE + 1];
  guint                 n_retry;
  char                 *fingerprint;
  char                 *detail;
  char                 *host;
  char                 *key_path;
  guint                 n_progress;
  guint                 n_text;
  gint64                started;
  gint64                finished;
} Responder;

static void
responder_clear (Responder *r)
{
  g_clear_object (&r->operation);
  g_clear_pointer (&r->fingerprint, g_free);
  g_clear_pointer (&r->detail, g_free);
  g_clear_pointer (&r->host, g_free);
  g_clear_pointer (&r->key_path, g_free);
}

static void
answer (Responder       *r,
        TandemGitPrompt *prompt)
{
  switch (tandem_git_prompt_get_kind (prompt))
    {
    case TANDEM_GIT_PROMPT_USERNAME:
      tandem_git_prompt_reply_username (prompt, r->username);
      break;
    case TANDEM_GIT_PROMPT_USERPASS:
      tandem_git_prompt_reply_userpass (prompt, r->username, r->password, r->remember);
      break;
    case TANDEM_GIT_PROMPT_PASSPHRASE:
      tandem_git_prompt_reply_passphrase (prompt, r->passphrase);
      break;
    case TANDEM_GIT_PROMPT_HOST_KEY:
    case TANDEM_GIT_PROMPT_CERTIFICATE:
    default:
      tandem_git_prompt_reply_trust (prompt, r->trust);
      break;
    }
}

typedef struct
{
  Responder       *responder;
  TandemGitPrompt *prompt;
} Later;

static gboolean
answer_later_cb (gpointer data)
{
  Later *later = data;

  answer (later->responder, later->prompt);
  g_object_unref (later->prompt);
  g_free (later);
  return G_SOURCE_REMOVE;
}

static void
prompt_cb (TandemGitOperation *operation,
           TandemGitPrompt    *prompt,
           Responder          *r)
{
  r->n_prompts++;
  r->n_kind[tandem_git_prompt_get_kind (prompt)]++;
  r->n_retry += tandem_git_prompt_get_retry (prompt);
  g_free (r->fingerprint);
  r->fingerprint = g_strdup (tandem_git_prompt_get_fingerprint (prompt));
  g_free (r->detail);
  r->detail = g_strdup (tandem_git_prompt_get_detail (prompt));
  g_free (r->host);
  r->host = g_strdup (tandem_git_prompt_get_host (prompt));
  g_free (r->key_path);
  r->key_path = g_strdup (tandem_git_prompt_get_key_path (prompt));

  if (r->cancel)
    tandem_git_operation_cancel (operation);
  else if (r->later)
    {
      Later *later = g_new0 (Later, 1);

      later->responder = r;
      later->prompt = g_object_ref (prompt);
      g_timeout_add (200, answer_later_cb, later);
    }
  else
    answer (r, prompt);
}

static void
progress_cb (TandemGitOperation *operation,
             GParamSpec         *pspec,
             Responder          *r)
{
  r->n_progress++;
}

static void
text_cb (TandemGitOperation *operation,
         GParamSpec         *pspec,
         Responder          *r)
{
  r->n_text++;
}

static TandemGitOperation *
responder_operation (Responder *r,
                     gboolean   with_handler)
{
  g_clear_object (&r->operation);
  r->operation = tandem_git_operation_new ();
  if (with_handler)
    g_signal_connect (r->operation, "prompt", G_CALLBACK (prompt_cb), r);
  g_signal_connect (r->operation, "notify::received-objects", G_CALLBACK (progress_cb), r);
  g_signal_connect (r->operation, "notify::text", G_CALLBACK (text_cb), r);
  return r->operation;
}

static char *
new_dir_path (const char *prefix)
{
  return g_strdup_printf ("%s/%s-%u", tandem_test_get_tmpdir (), prefix, ++n_dirs);
}

static char *
clone_with (Responder   *r,
            const char  *url,
            GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *path = new_dir_path ("clone");
  g_autoptr(GFile) destination = g_file_new_for_path (path);
  g_autoptr(GFile) cloned = NULL;

  if (r->operation == NULL)
    responder_operation (r, TRUE);
  r->started = g_get_monotonic_time ();
  tandem_git_clone_async (url, destination, r->operation, tandem_test_store_result_cb, &result);
  cloned = tandem_git_clone_finish (tandem_test_wait_result (&result, TIMEOUT_MS), error);
  r->finished = g_get_monotonic_time ();
  if (cloned == NULL)
    {
      /* Nothing of a failed clone stays behind. */
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
      return NULL;
    }

  g_assert_true (g_file_equal (cloned, destination));
  return g_steal_pointer (&path);
}

static char *
clone_ok (Responder  *r,
          const char *url)
{
  g_autoptr(GError) error = NULL;
  char *path = clone_with (r, url, &error);
  g_autofree char *readme = NULL;

  g_assert_no_error (error);
  readme = g_build_filename (path, "README", NULL);
  g_assert_true (g_file_test (readme, G_FILE_TEST_IS_REGULAR));
  return path;
}

/* Clones @url expecting it to fail with @code; returns the error. */
static GError *
clone_error (Responder  *r,
             const char *url,
             int         code)
{
  GError *error = NULL;

  g_assert_null (clone_with (r, url, &error));
  g_assert_error (error, TANDEM_GIT_ERROR, code);
  return error;
}

static char *
make_bare (const char *prefix)
{
  g_autofree char *name = g_strdup_printf ("%s-%u.git", prefix, ++n_dirs);

  return git_test_make_bare (remotes, name);
}

static char *
daemon_url (const char *bare)
{
  g_autofree char *name = g_path_get_basename (bare);

  if (daemon_server == NULL)
    daemon_server = git_test_daemon_start (remotes);
  return git_test_server_url (daemon_server, name, TRUE);
}

static char *
http_url (gboolean    tls,
          const char *bare)
{
  g_autofree char *name = g_path_get_basename (bare);

  if (tls && https_server == NULL)
    https_server = git_test_http_start (remotes, TRUE, NULL, NULL);
  if (!tls && http_server == NULL)
    http_server = git_test_http_start (remotes, FALSE, HTTP_USER, HTTP_PASSWORD);
  return git_test_server_url (tls ? https_server : http_server, name, TRUE);
}

static char *
ssh_url (const char *bare,
         gboolean    with_user)
{
  if (ssh_server == NULL)
    ssh_server = git_test_ssh_start ();
  return git_test_server_url (ssh_server, bare, with_user);
}

/* Clones @bare over SSH as the current user, and expects no question. */
static void
assert_ssh_clone_silent (const char *bare)
{
  g_autofree char *url = ssh_url (bare, TRUE);
  g_autofree char *path = NULL;
  Responder r = { 0 };

  path = clone_ok (&r, url);
  g_assert_cmpuint (r.n_prompts, ==, 0);
  responder_clear (&r);
}

/* Clones @bare over SSH as the current user expecting it to fail with @code. */
static GError *
ssh_clone_error (Responder  *r,
                 const char *bare,
                 int         code)
{
  g_autofree char *url = ssh_url (bare, TRUE);

  return clone_error (r, url, code);
}

static char *
home_ssh_path (const char *name)
{
  return g_build_filename (g_get_home_dir (), ".ssh", name, NULL);
}

/* A clean ~/.ssh: no keys, no agent, and the test server's key known when @trust. */
static void
reset_ssh (gboolean trust)
{
  const char *names[] = { "id_ed25519", "id_ed25519.pub", "id_ecdsa", "id_ecdsa.pub",
                          "id_rsa", "id_rsa.pub", "known_hosts" };
  g_autofree char *dir = home_ssh_path (NULL);

  git_test_agent_stop ();
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = home_ssh_path (names[i]);
      g_unlink (path);
    }

  if (ssh_server == NULL)
    ssh_server = git_test_ssh_start ();
  if (trust)
    {
      g_autofree char *known_hosts = home_ssh_path ("known_hosts");
      g_autofree char *line = g_strconcat (git_test_ssh_get_known_hosts_line (ssh_server), "\n", NULL);

      g_mkdir_with_parents (dir, 0700);
      g_assert_true (g_file_set_contents (known_hosts, line, -1, NULL));
    }
}

/* ~/.ssh/id_ed25519, allowed on the server. */
static void
make_home_key (const char *passphrase)
{
  g_autofree char *key = home_ssh_path ("id_ed25519");
  g_autofree char *pub = home_ssh_path ("id_ed25519.pub");

  git_test_ssh_keygen (key, passphrase);
  git_test_ssh_authorize_key (ssh_server, pub);
}

static void
check_progress (Responder *r)
{
  TandemGitOperation *operation = r->operation;

  g_assert_cmpuint (tandem_git_operation_get_total_objects (operation), >, 0);
  g_assert_cmpuint (tandem_git_operation_get_received_objects (operation), ==,
                    tandem_git_operation_get_total_objects (operation));
  g_assert_cmpuint (tandem_git_operation_get_received_bytes (operation), >, 0);
  g_assert_nonnull (tandem_git_operation_get_text (operation));
  g_assert_cmpfloat (tandem_git_operation_get_fraction (operation), ==, 1.0);
  g_assert_cmpuint (r->n_progress, >=, 1);
  /* At most about ten updates a second reach the main thread. */
  g_assert_cmpuint (r->n_text, <=, 3 + (r->finished - r->started) / (G_USEC_PER_SEC / 10));
}

static void
test_clone_file (void)
{
  g_autofree char *bare = make_bare ("file");
  g_autofree char *url = g_strconcat ("file://", bare, NULL);
  g_autofree char *path = NULL;
  g_autoptr(GFile) destination = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) cloned = NULL;
  g_autofree char *readme = NULL;
  Responder r = { 0 };

  path = clone_ok (&r, url);
  check_progress (&r);
  g_assert_cmpuint (r.n_prompts, ==, 0);

  /* A folder with something in it is refused and left as it was. */
  destination = g_file_new_for_path (path);
  tandem_git_clone_async (url, destination, r.operation, tandem_test_store_result_cb, &result);
  cloned = tandem_git_clone_finish (tandem_test_wait_result (&result, TIMEOUT_MS), &error);
  g_assert_error (error, TANDEM_GIT_ERROR, TANDEM_GIT_ERROR_DESTINATION_NOT_EMPTY);
  g_assert_null (cloned);
  readme = g_build_filename (path, "README", NULL);
  g_assert_true (g_file_test (readme, G_FILE_TEST_IS_REGULAR));

  responder_clear (&r);
}

static void
test_clone_daemon (void)
{
  g_autofree char *bare = make_bare ("daemon");
  g_autofree char *url = daemon_url (bare);
  g_autofree char *path = NULL;
  Responder r = { 0 };

  path = clone_ok (&r, url);
  check_progress (&r);
  g_assert_cmpuint (r.n_prompts, ==, 0);
  /* The server's own progress lines ("Counting objects…") come through. */
  g_assert_nonnull (tandem_git_operation_get_remote_text (r.operation));
  responder_clear (&r);
}

static void
test_clone_http (void)
{
  g_autofree char *bare = make_bare ("http");
  g_autofree char *url = http_url (FALSE, bare);
  g_autofree char *path = NULL;
  g_autofree char *host = g_strdup_printf ("localhost:%u", git_test_server_get_port (http_server));
  Responder r = { .username = HTTP_USER, .password = HTTP_PASSWORD };

  path = clone_ok (&r, url);
  check_progress (&r);
  g_assert_cmpuint (r.n_kind[TANDEM_GIT_PROMPT_USERPASS], ==, 1);
  g_assert_cmpuint (r.n_prompts, ==, 1);
  g_assert_cmpuint (r.n_retry, ==, 0);
  g_assert_cmpstr (r.host, ==, host);
  responder_clear (&r);
}

static void
test_https_certificate (void)
{
  g_autofree char *bare = make_bare ("https");
  g_autofree char *url = http_url (TRUE, bare);
  g_autofree char *path = NULL;
  g_autofree char *again = NULL;
  g_autoptr(GError) error = NULL;
  Responder r = { .trust = TANDEM_GIT_PROMPT_REJECT };

  error = clone_error (&r, url, TANDEM_GIT_ERROR_CERTIFICATE);
  g_assert_cmpuint (r.n_kind[TANDEM_GIT_PROMPT_CERTIFICATE], ==, 1);
  g_assert_cmpuint (r.n_prompts, ==, 1);
  /* SHA-256 as 32 colon-separated hex pairs. */
  g_assert_cmpuint (strlen (r.fingerprint), ==, 32 * 3 - 1);
  g_assert_true (g_regex_match_simple ("^([0-9A-F]{2}:){31}[0-9A-F]{2}$", r.fingerprint, 0, 0));
  g_assert_nonnull (r.detail);

  r.trust = TANDEM_GIT_PROMPT_ACCEPT_ONCE;
  path = clone_ok (&r, url);
  g_assert_cmpuint (r.n_kind[TANDEM_GIT_PROMPT_CERTIFICATE], ==, 2);
  check_progress (&r);

  /* Accepted for this host for the rest of the session. */
  again = clone_ok (&r, url);
  g_assert_cmpuint (r.n_prompts, ==, 2);
  responder_clear (&r);
}

static void
test_ssh_clone (void)
{
  g_autofree char *bare = make_bare ("ssh");
  g_autofree char *url = NULL;
  g_autofree char *path = NULL;
  Responder r = { 0 };

  reset_ssh (TRUE);
  make_home_key (NULL);
  url = ssh_url (bare, TRUE);
  path = clone_ok (&r, url);
  check_progress (&r);
  g_assert_cmpuint (r.n_prompts, ==, 0);
  responder_clear (&r);
}

static void
test_ssh_username (void)
{
  g_autofree char *bare = make_bare ("ssh-user");
  g_autofree char *url = NULL;
  g_autofree char *path = NULL;
  Responder r = { .username = g_get_user_name () };

  reset_ssh (TRUE);
  make_home_key (NULL);
  url = ssh_url (bare, FALSE);
  path = clone_ok (&r, url);
  g_assert_cmpuint (r.n_kind[TANDEM_GIT_PROMPT_USERNAME], ==, 1);
  g_assert_cmpuint (r.n_prompts, ==, 1);
  responder_clear (&r);
}

static void
test_ssh_passphrase (void)
{
  g_autofree char *bare = make_bare ("ssh-pass");
  g_autofree char *url = NULL;
  g_autofree char *path = NULL;
  g_autofree char *key = home_ssh_path ("id_ed25519");
  Responder r = { .passphrase = SSH_PASSPHRASE };

  reset_ssh (TRUE);
  make_home_key (SSH_PASSPHRASE);
  url = ssh_url (bare, TRUE);
  path = clone_ok (&r, url);
  g_assert_cmpuint (r.n_kind[TANDEM_GIT_PROMPT_PASSPHRASE], ==, 1);
  g_assert_cmpuint (r.n_prompts, ==, 1);
  g_assert_cmpstr (r.key_path, ==, key);
  g_assert_false (git_test_tree_contains (tandem_test_get_tmpdir (), SSH_PASSPHRASE));
  responder_clear (&r);
}

static void
test_ssh_wrong_passphrase (void)
{
  g_autofree char *bare = make_bare ("ssh-wrong");
  g_autofree char *url = NULL;
  g_autoptr(GError) error = NULL;
  Responder r = { .passphrase = "not the passphrase" };
  gint64 start;

  reset_ssh (TRUE);
  make_home_key (SSH_PASSPHRASE);
  url = ssh_url (bare, TRUE);
  start = g_get_monotonic_time ();
  g_assert_null (clone_with (&r, url, &error));
  g_test_message ("wrong passphrase failed after %u prompts in %.2f s", r.n_prompts,
                  (g_get_monotonic_time () - start) / (double)G_USEC_PER_SEC);
  g_assert_error (error, TANDEM_GIT_ERROR, TANDEM_GIT_ERROR_AUTH_FAILED);
  g_assert_nonnull (strstr (error->message, "id_ed25519"));
  /* Asked once, then once more marked as a retry, then never again. */
  g_assert_cmpuint (r.n_kind[TANDEM_GIT_PROMPT_PASSPHRASE], ==, 2);
  g_assert_cmpuint (r.n_retry, ==, 1);
  g_assert_cmpuint (r.n_prompts, ==, 2);
  responder_clear (&r);
}

static void
test_ssh_agent (void)
{
  g_autofree char *bare = make_bare ("ssh-agent");
  g_autofree char *key = g_build_filename (tandem_test_get_tmpdir (), "agent-key", NULL);
  g_autofree char *pub = g_strconcat (key, ".pub", NULL);

  reset_ssh (TRUE);
  /* The key is only in the agent, not in ~/.ssh. */
  git_test_ssh_keygen (key, NULL);
  git_test_ssh_authorize_key (ssh_server, pub);
  git_test_agent_start ();
  git_test_agent_add (key);

  assert_ssh_clone_silent (bare);
  git_test_agent_stop ();
}

static void
test_ssh_empty_agent (void)
{
  g_autofree char *bare = make_bare ("ssh-empty");
  g_autoptr(GError) error = NULL;
  Responder r = { 0 };

  reset_ssh (TRUE);
  git_test_agent_start ();
  error = ssh_clone_error (&r, bare, TANDEM_GIT_ERROR_AUTH_FAILED);
  g_assert_nonnull (strstr (error->message, "ssh-agent"));
  g_assert_cmpuint (r.n_prompts, ==, 0);
  git_test_agent_stop ();
  responder_clear (&r);
}

/* Keys the server does not know, in the agent and in ~/.ssh: each is offered once. */
static void
add_unknown_keys (gboolean with_ecdsa)
{
  g_autofree char *agent_key = g_build_filename (tandem_test_get_tmpdir (), "unknown-agent-key", NULL);
  g_autofree char *ed25519 = home_ssh_path ("id_ed25519");

  git_test_ssh_keygen (agent_key, NULL);
  git_test_agent_start ();
  git_test_agent_add (agent_key);
  git_test_ssh_keygen (ed25519, NULL);
  if (with_ecdsa)
    {
      g_autofree char *ecdsa = home_ssh_path ("id_ecdsa");

      git_test_ssh_keygen_type (ecdsa, "ecdsa", NULL);
    }
}

static void
test_ssh_fallback_to_ecdsa (void)
{
  g_autofree char *bare = make_bare ("ssh-ecdsa");
  g_autofree char *ecdsa = home_ssh_path ("id_ecdsa");
  g_autofree char *ecdsa_pub = home_ssh_path ("id_ecdsa.pub");

  reset_ssh (TRUE);
  add_unknown_keys (FALSE);
  git_test_ssh_keygen_type (ecdsa, "ecdsa", NULL);
  git_test_ssh_authorize_key (ssh_server, ecdsa_pub);

  assert_ssh_clone_silent (bare);
  git_test_agent_stop ();
}

static void
test_ssh_tried_list (void)
{
  g_autofree char *bare = make_bare ("ssh-tried");
  g_autoptr(GError) error = NULL;
  Responder r = { 0 };

  reset_ssh (TRUE);
  add_unknown_keys (TRUE);
  error = ssh_clone_error (&r, bare, TANDEM_GIT_ERROR_AUTH_FAILED);
  g_assert_cmpstr (error->message, ==, "Authentication failed. Tried: ssh-agent (no key "
                   "accepted), ~/.ssh/id_ed25519, ~/.ssh/id_ecdsa.");
  git_test_agent_stop ();
  responder_clear (&r);
}

static void
test_ssh_rsa_explained (void)
{
  g_autofree char *bare = make_bare ("ssh-rsa");
  g_autofree char *key = home_ssh_path ("id_rsa");
  g_autofree char *pub = home_ssh_path ("id_rsa.pub");
  g_autoptr(GError) error = NULL;
  Responder r = { 0 };

  reset_ssh (TRUE);
  git_test_ssh_keygen_type (key, "rsa", NULL);
  git_test_ssh_authorize_key (ssh_server, pub);
  error = ssh_clone_error (&r, bare, TANDEM_GIT_ERROR_AUTH_FAILED);
  g_assert_nonnull (strstr (error->message, "rsa-sha2"));
  g_assert_nonnull (strstr (error->message, "ssh-keygen -t ed25519"));
  responder_clear (&r);
}

static void
test_host_key_reject (void)
{
  g_autofree char *bare = make_bare ("hostkey-reject");
  g_autofree char *known_hosts = home_ssh_path ("known_hosts");
  g_autoptr(GError) error = NULL;
  Responder r = { .trust = TANDEM_GIT_PROMPT_REJECT };

  reset_ssh (FALSE);
  make_home_key (NULL);
  error = ssh_clone_error (&r, bare, TANDEM_GIT_ERROR_HOST_KEY);
  g_assert_cmpuint (r.n_kind[TANDEM_GIT_PROMPT_HOST_KEY], ==, 1);
  g_assert_cmpuint (r.n_prompts, ==, 1);
  g_assert_cmpstr (r.fingerprint, ==, git_test_ssh_get_fingerprint (ssh_server));
  g_assert_cmpstr (r.detail, ==, "ssh-ed25519");
  g_assert_false (g_file_test (known_hosts, G_FILE_TEST_EXISTS));
  responder_clear (&r);
}

static void
test_host_key_accept_always (void)
{
  g_autofree char *bare = make_bare ("hostkey-always");
  g_autofree char *url = NULL;
  g_autofree char *known_hosts = home_ssh_path ("known_hosts");
  g_autofree char *contents = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  Responder r = { .trust = TANDEM_GIT_PROMPT_ACCEPT_ALWAYS };

  reset_ssh (FALSE);
  make_home_key (NULL);
  url = ssh_url (bare, TRUE);
  first = clone_ok (&r, url);
  g_assert_cmpuint (r.n_kind[TANDEM_GIT_PROMPT_HOST_KEY], ==, 1);

  g_assert_true (g_file_get_contents (known_hosts, &contents, NULL, NULL));
  expected = g_strconcat (git_test_ssh_get_known_hosts_line (ssh_server), "\n", NULL);
  g_assert_cmpstr (contents, ==, expected);

  /* Known now: the second clone asks nothing. */
  second = clone_ok (&r, url);
  g_assert_cmpuint (r.n_prompts, ==, 1);
  responder_clear (&r);
}

static void
test_host_key_changed (void)
{
  g_autofree char *bare = make_bare ("hostkey-changed");
  g_autofree char *other = g_build_filename (tandem_test_get_tmpdir (), "other-host-key", NULL);
  g_autofree char *other_pub = g_strconcat (other, ".pub", NULL);
  g_autofree char *known_hosts = home_ssh_path ("known_hosts");
  g_autofree char *pub = NULL;
  g_autofree char *line = NULL;
  g_auto(GStrv) fields = NULL;
  g_autoptr(GError) error = NULL;
  Responder r = { .trust = TANDEM_GIT_PROMPT_ACCEPT_ALWAYS };

  reset_ssh (FALSE);
  make_home_key (NULL);
  git_test_ssh_keygen (other, NULL);
  g_assert_true (g_file_get_contents (other_pub, &pub, NULL, NULL));
  fields = g_strsplit (pub, " ", 3);
  line = g_strdup_printf ("[127.0.0.1]:%u %s %s\n", git_test_server_get_port (ssh_server),
                          fields[0], fields[1]);
  g_assert_true (g_file_set_contents (known_hosts, line, -1, NULL));

  error = ssh_clone_error (&r, bare, TANDEM_GIT_ERROR_HOST_KEY);
  g_assert_nonnull (strstr (error->message, "changed"));
  /* No way to accept it from here. */
  g_assert_cmpuint (r.n_prompts, ==, 0);
  responder_clear (&r);
}

static void
test_http_wrong_password (void)
{
  g_autofree char *bare = make_bare ("http-wrong");
  g_autofree char *url = http_url (FALSE, bare);
  g_autoptr(GError) error = NULL;
  guint unauthorized = git_test_server_get_n_unauthorized (http_server);
  Responder r = { .username = HTTP_USER, .password = "wrong-password" };

  error = clone_error (&r, url, TANDEM_GIT_ERROR_AUTH_FAILED);
  g_assert_cmpuint (r.n_kind[TANDEM_GIT_PROMPT_USERPASS], ==, 2);
  g_assert_cmpuint (r.n_retry, ==, 1);
  g_assert_cmpuint (r.n_prompts, ==, 2);
  unauthorized = git_test_server_get_n_unauthorized (http_server) - unauthorized;
  g_test_message ("wrong password: %u prompts, %u requests refused", r.n_prompts, unauthorized);
  g_assert_cmpuint (unauthorized, <=, 4);
  responder_clear (&r);
}

static void
test_keyring_token (void)
{
  g_autofree char *bare = make_bare ("keyring");
  g_autofree char *url = http_url (FALSE, bare);
  g_autofree char *host = g_strdup_printf ("localhost:%u", git_test_server_get_port (http_server));
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *user = NULL;
  g_autofree char *secret = NULL;
  g_autoptr(GError) error = NULL;
  Responder r = { .username = HTTP_USER, .password = HTTP_PASSWORD, .remember = TRUE };

  first = clone_ok (&r, url);
  g_assert_cmpuint (r.n_prompts, ==, 1);

  g_assert_true (tandem_git_credentials_lookup ("http", host, NULL, &user, &secret, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (user, ==, HTTP_USER);
  g_assert_cmpstr (secret, ==, HTTP_PASSWORD);

  /* Read back from the keyring: nothing asked. */
  second = clone_ok (&r, url);
  g_assert_cmpuint (r.n_prompts, ==, 1);

  /* Only the (encrypted) keyring holds it. */
  g_assert_false (git_test_tree_contains (tandem_test_get_tmpdir (), HTTP_PASSWORD));

  g_assert_true (tandem_git_credentials_delete ("http", host, HTTP_USER, NULL, &error));
  g_assert_no_error (error);
  responder_clear (&r);
}

static void
test_keyring_refused (void)
{
  g_autofree char *bare = make_bare ("keyring-refused");
  g_autofree char *url = http_url (FALSE, bare);
  g_autofree char *host = g_strdup_printf ("localhost:%u", git_test_server_get_port (http_server));
  g_autofree char *path = NULL;
  g_autofree char *user = NULL;
  g_autofree char *secret = NULL;
  g_autoptr(GError) error = NULL;
  Responder r = { .username = HTTP_USER, .password = HTTP_PASSWORD };

  g_assert_true (tandem_git_credentials_store ("http", host, HTTP_USER, "old-token", NULL, &error));
  g_assert_no_error (error);

  path = clone_ok (&r, url);
  /* The saved token was refused: asked, marked as a retry. */
  g_assert_cmpuint (r.n_prompts, ==, 1);
  g_assert_cmpuint (r.n_retry, ==, 1);

  /* The refused token is gone, and the new one was not to be remembered. */
  g_assert_false (tandem_git_credentials_lookup ("http", host, NULL, &user, &secret, NULL, &error));
  g_assert_no_error (error);
  responder_clear (&r);
}

static void
test_prompt_unanswered (void)
{
  g_autofree char *bare = make_bare ("no-handler");
  g_autofree char *url = http_url (FALSE, bare);
  g_autoptr(GError) error = NULL;
  Responder r = { 0 };

  /* Nobody listens: the prompt counts as cancelled, the worker does not hang. */
  responder_operation (&r, FALSE);
  error = clone_error (&r, url, TANDEM_GIT_ERROR_AUTH_FAILED);
  responder_clear (&r);
}

static void
test_prompt_answered_later (void)
{
  g_autofree char *bare = make_bare ("later");
  g_autofree char *url = http_url (FALSE, bare);
  g_autofree char *path = NULL;
  Responder r = { .username = HTTP_USER, .password = HTTP_PASSWORD, .later = TRUE };

  path = clone_ok (&r, url);
  g_assert_cmpuint (r.n_prompts, ==, 1);
  responder_clear (&r);
}

static void
test_cancel_in_prompt (void)
{
  g_autofree char *bare = make_bare ("cancel-prompt");
  g_autofree char *url = http_url (FALSE, bare);
  g_autoptr(GError) error = NULL;
  Responder r = { .cancel = TRUE };

  g_assert_null (clone_with (&r, url, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  responder_clear (&r);
}

static void
cancel_on_bytes_cb (TandemGitOperation *operation,
                    GParamSpec         *pspec,
                    gpointer            user_data)
{
  if (tandem_git_operation_get_received_bytes (operation) > 0)
    tandem_git_operation_cancel (operation);
}

static void
test_cancel_transfer (void)
{
  g_autofree char *bare = make_bare ("cancel-transfer");
  g_autofree char *seed = g_strconcat (bare, ".seed", NULL);
  g_autofree char *big = g_build_filename (seed, "big.bin", NULL);
  g_autofree char *url = NULL;
  g_autofree char *data = g_malloc (12 * 1024 * 1024);
  g_autoptr(GError) error = NULL;
  Responder r = { 0 };

  /* Incompressible, so that the transfer takes a while. */
  for (gsize i = 0; i < 12 * 1024 * 1024 / sizeof (guint32); i++)
    ((guint32 *)data)[i] = g_random_int ();
  g_assert_true (g_file_set_contents (big, data, 12 * 1024 * 1024, NULL));
  g_free (git_test_run (seed, "add", "big.bin", NULL));
  g_free (git_test_run (seed, "commit", "-q", "-m", "Big", NULL));
  g_free (git_test_run (seed, "push", "-q", bare, "main", NULL));

  url = daemon_url (bare);
  responder_operation (&r, TRUE);
  g_signal_connect (r.operation, "notify::received-bytes", G_CALLBACK (cancel_on_bytes_cb), NULL);
  g_assert_null (clone_with (&r, url, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  responder_clear (&r);
}

static void
test_network_refused (void)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GSocketAddress) local = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  Responder r = { 0 };

  /* A port that is ours but does not listen: connecting is refused. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  address = g_inet_socket_address_new_from_string ("127.0.0.1", 0);
  g_assert_true (g_socket_bind (socket, address, TRUE, &error));
  local = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  url = g_strdup_printf ("git://127.0.0.1:%u/nothing.git",
                         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local)));

  error = clone_error (&r, url, TANDEM_GIT_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, "refused"));
  responder_clear (&r);
}

static void
test_network_host_not_found (void)
{
  g_autoptr(GError) error = NULL;
  Responder r = { 0 };

  /* .invalid never resolves (RFC 2606). */
  error = clone_error (&r, "git://tandem-test.invalid/nothing.git", TANDEM_GIT_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, "tandem-test.invalid"));
  responder_clear (&r);
}

/* A clone with an identity for merges, its questions answered by @r. */
static TandemGitRepository *
clone_repository_with (Responder   *r,
                       const char  *url,
                       char       **out_path)
{
  g_autoptr(GFile) workdir = NULL;
  g_autoptr(GError) error = NULL;
  TandemGitRepository *repository;
  char *path = clone_ok (r, url);

  g_free (git_test_run (path, "config", "user.name", "Local User", NULL));
  g_free (git_test_run (path, "config", "user.email", "local@example.com", NULL));
  workdir = g_file_new_for_path (path);
  repository = tandem_git_repository_open (workdir, &error);
  g_assert_no_error (error);
  g_assert_nonnull (repository);

  *out_path = path;
  return repository;
}

static TandemGitRepository *
clone_repository (const char  *url,
                  char       **out_path)
{
  Responder r = { 0 };
  TandemGitRepository *repository = clone_repository_with (&r, url, out_path);

  responder_clear (&r);
  return repository;
}

static void
commit_file (const char *dir,
             const char *name,
             const char *contents)
{
  g_autoptr(GFile) file = tandem_test_write_file (dir, name, contents, -1);

  g_free (git_test_run (dir, "add", name, NULL));
  g_free (git_test_run (dir, "commit", "-q", "-m", name, NULL));
}

static char *
rev_parse (const char *dir,
           const char *rev)
{
  char *out = git_test_run (dir, "rev-parse", rev, NULL);

  return g_strstrip (out);
}

static TandemGitPullResult
pull (TandemGitRepository  *repository,
      GError              **error)
{
  g_autoptr(TandemGitOperation) operation = tandem_git_operation_new ();
  g_autoptr(GAsyncResult) result = NULL;

  tandem_git_repository_pull_async (repository, operation, tandem_test_store_result_cb, &result);
  return tandem_git_repository_pull_finish (repository,
                                            tandem_test_wait_result (&result, TIMEOUT_MS), error);
}

static gboolean
push (TandemGitRepository  *repository,
      TandemGitOperation   *operation,
      GError              **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tandem_git_repository_push_async (repository, operation, tandem_test_store_result_cb, &result);
  return tandem_git_repository_push_finish (repository,
                                            tandem_test_wait_result (&result, TIMEOUT_MS), error);
}

/* A clone of a new file:// remote to which someone else then pushed @theirs (a file name,
 * with @theirs_text in it), and, when @ours is set, a local commit of @ours. */
static TandemGitRepository *
clone_diverged (const char  *prefix,
                const char  *theirs,
                const char  *theirs_text,
                const char  *ours,
                char       **out_url,
                char       **out_path)
{
  g_autofree char *bare = make_bare (prefix);
  g_autofree char *seed = g_strconcat (bare, ".seed", NULL);
  TandemGitRepository *repository;

  *out_url = g_strconcat ("file://", bare, NULL);
  repository = clone_repository (*out_url, out_path);
  commit_file (seed, theirs, theirs_text);
  g_free (git_test_run (seed, "push", "-q", bare, "main", NULL));
  if (ours != NULL)
    commit_file (*out_path, ours, "ours\n");

  return repository;
}

static void
test_fetch_pull_fast_forward (void)
{
  g_autofree char *url = NULL;
  g_autofree char *path = NULL;
  g_autofree char *seed_head = NULL;
  g_autofree char *fetched = NULL;
  g_autofree char *head = NULL;
  g_autofree char *new_file = NULL;
  g_autofree char *seed = NULL;
  g_autoptr(TandemGitRepository) repository = clone_diverged ("pull-ff", "new.txt", "new\n", NULL,
                                                              &url, &path);
  g_autoptr(TandemGitOperation) operation = tandem_git_operation_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  seed = g_strconcat (url + strlen ("file://"), ".seed", NULL);
  seed_head = rev_parse (seed, "HEAD");

  tandem_git_repository_fetch_async (repository, operation, tandem_test_store_result_cb, &result);
  g_assert_true (tandem_git_repository_fetch_finish (repository,
                                                     tandem_test_wait_result (&result, TIMEOUT_MS),
                                                     &error));
  g_assert_no_error (error);
  fetched = rev_parse (path, "origin/main");
  g_assert_cmpstr (fetched, ==, seed_head);

  g_assert_cmpint (pull (repository, &error), ==, TANDEM_GIT_PULL_FAST_FORWARD);
  g_assert_no_error (error);
  head = rev_parse (path, "HEAD");
  g_assert_cmpstr (head, ==, seed_head);
  new_file = g_build_filename (path, "new.txt", NULL);
  g_assert_true (g_file_test (new_file, G_FILE_TEST_IS_REGULAR));

  g_assert_cmpint (pull (repository, &error), ==, TANDEM_GIT_PULL_UP_TO_DATE);
  g_assert_no_error (error);
}

static void
test_pull_merge (void)
{
  g_autofree char *url = NULL;
  g_autofree char *path = NULL;
  g_autofree char *parents = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *status = NULL;
  g_autoptr(TandemGitRepository) repository = clone_diverged ("pull-merge", "theirs.txt",
                                                              "theirs\n", "ours.txt",
                                                              &url, &path);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ids = NULL;

  g_assert_cmpint (pull (repository, &error), ==, TANDEM_GIT_PULL_MERGED);
  g_assert_no_error (error);

  parents = git_test_run (path, "log", "-1", "--format=%P", NULL);
  ids = g_strsplit (g_strstrip (parents), " ", -1);
  g_assert_cmpuint (g_strv_length (ids), ==, 2);
  subject = git_test_run (path, "log", "-1", "--format=%s", NULL);
  expected = g_strdup_printf ("Merge branch 'main' of %s", url);
  g_assert_cmpstr (g_strstrip (subject), ==, expected);
  status = git_test_run (path, "status", "--porcelain", NULL);
  g_assert_cmpstr (status, ==, "");
}

static void
test_pull_conflicts (void)
{
  g_autofree char *url = NULL;
  g_autofree char *path = NULL;
  g_autofree char *merge_head = NULL;
  g_autofree char *readme = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(TandemGitRepository) repository = clone_diverged ("pull-conflict", "README",
                                                              "theirs\n", "README",
                                                              &url, &path);
  g_autoptr(GError) error = NULL;

  pull (repository, &error);
  g_assert_error (error, TANDEM_GIT_ERROR, TANDEM_GIT_ERROR_CONFLICTS);
  g_assert_nonnull (strstr (error->message, "README"));

  merge_head = g_build_filename (path, ".git", "MERGE_HEAD", NULL);
  g_assert_true (g_file_test (merge_head, G_FILE_TEST_IS_REGULAR));
  readme = g_build_filename (path, "README", NULL);
  g_assert_true (g_file_get_contents (readme, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "<<<<<<<"));
}

static void
test_pull_would_overwrite (void)
{
  g_autofree char *url = NULL;
  g_autofree char *path = NULL;
  g_autofree char *readme = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(TandemGitRepository) repository = clone_diverged ("pull-overwrite", "README",
                                                              "theirs\n", NULL, &url, &path);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  file = tandem_test_write_file (path, "README", "my unsaved work\n", -1);
  before = rev_parse (path, "HEAD");

  pull (repository, &error);
  g_assert_error (error, TANDEM_GIT_ERROR, TANDEM_GIT_ERROR_WOULD_OVERWRITE);
  g_assert_nonnull (strstr (error->message, "README"));

  readme = g_build_filename (path, "README", NULL);
  g_assert_true (g_file_get_contents (readme, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "my unsaved work\n");
  after = rev_parse (path, "HEAD");
  g_assert_cmpstr (after, ==, before);
}

static void
test_push (void)
{
  g_autofree char *bare = make_bare ("push");
  g_autofree char *url = daemon_url (bare);
  g_autofree char *path = NULL;
  g_autofree char *head = NULL;
  g_autofree char *remote_head = NULL;
  g_autofree char *feature = NULL;
  g_autofree char *remote_cfg = NULL;
  g_autofree char *merge_cfg = NULL;
  g_autoptr(TandemGitRepository) repository = clone_repository (url, &path);
  g_autoptr(TandemGitOperation) operation = tandem_git_operation_new ();
  g_autoptr(GError) error = NULL;

  commit_file (path, "pushed.txt", "pushed\n");
  g_assert_true (push (repository, operation, &error));
  g_assert_no_error (error);
  head = rev_parse (path, "HEAD");
  remote_head = git_test_run (NULL, "--git-dir", bare, "rev-parse", "main", NULL);
  g_assert_cmpstr (g_strstrip (remote_head), ==, head);
  g_assert_cmpuint (tandem_git_operation_get_total_objects (operation), >, 0);

  /* A new branch: the first push makes origin/feature its upstream. */
  g_free (git_test_run (path, "switch", "-q", "-c", "feature", NULL));
  commit_file (path, "feature.txt", "feature\n");
  g_assert_true (push (repository, operation, &error));
  g_assert_no_error (error);
  feature = git_test_run (NULL, "--git-dir", bare, "rev-parse", "feature", NULL);
  g_free (head);
  head = rev_parse (path, "HEAD");
  g_assert_cmpstr (g_strstrip (feature), ==, head);
  remote_cfg = git_test_run (path, "config", "branch.feature.remote", NULL);
  merge_cfg = git_test_run (path, "config", "branch.feature.merge", NULL);
  g_assert_cmpstr (g_strstrip (remote_cfg), ==, "origin");
  g_assert_cmpstr (g_strstrip (merge_cfg), ==, "refs/heads/feature");
}

/* Commits in a clone and pushes it with @r answering; the remote then has the commit. */
static void
assert_push_round_trip (Responder  *r,
                        const char *bare,
                        const char *url)
{
  g_autofree char *path = NULL;
  g_autofree char *head = NULL;
  g_autofree char *remote_head = NULL;
  g_autoptr(TandemGitRepository) repository = clone_repository_with (r, url, &path);
  g_autoptr(GError) error = NULL;

  commit_file (path, "round-trip.txt", "round trip\n");
  g_assert_true (push (repository, responder_operation (r, TRUE), &error));
  g_assert_no_error (error);
  head = rev_parse (path, "HEAD");
  remote_head = git_test_run (NULL, "--git-dir", bare, "rev-parse", "main", NULL);
  g_assert_cmpstr (g_strstrip (remote_head), ==, head);
}

static void
test_push_http (void)
{
  g_autofree char *bare = make_bare ("push-http");
  g_autofree char *url = http_url (FALSE, bare);
  Responder r = { .username = HTTP_USER, .password = HTTP_PASSWORD };

  assert_push_round_trip (&r, bare, url);
  /* Asked for the clone and again for the push (nothing remembered). */
  g_assert_cmpuint (r.n_kind[TANDEM_GIT_PROMPT_USERPASS], ==, 2);
  responder_clear (&r);
}

static void
test_push_ssh (void)
{
  g_autofree char *bare = make_bare ("push-ssh");
  g_autofree char *url = NULL;
  Responder r = { 0 };

  reset_ssh (TRUE);
  make_home_key (NULL);
  url = ssh_url (bare, TRUE);
  assert_push_round_trip (&r, bare, url);
  g_assert_cmpuint (r.n_prompts, ==, 0);
  responder_clear (&r);
}

static void
test_push_rejected_by_hook (void)
{
  g_autofree char *bare = make_bare ("push-hook");
  g_autofree char *hook = g_build_filename (bare, "hooks", "pre-receive", NULL);
  g_autofree char *url = daemon_url (bare);
  g_autofree char *path = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(TandemGitRepository) repository = clone_repository (url, &path);
  g_autoptr(TandemGitOperation) operation = tandem_git_operation_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (hook, "#!/bin/sh\n"
                                      "echo 'Pushes to main are frozen today' >&2\n"
                                      "exit 1\n", -1, NULL));
  g_chmod (hook, 0755);
  before = git_test_run (NULL, "--git-dir", bare, "rev-parse", "main", NULL);

  commit_file (path, "late.txt", "late\n");
  g_assert_false (push (repository, operation, &error));
  g_assert_error (error, TANDEM_GIT_ERROR, TANDEM_GIT_ERROR_REJECTED);
  g_test_message ("rejected: %s", error->message);
  g_assert_nonnull (strstr (error->message, "pre-receive hook declined"));
  g_assert_nonnull (strstr (error->message, "Pushes to main are frozen today"));

  after = git_test_run (NULL, "--git-dir", bare, "rev-parse", "main", NULL);
  g_assert_cmpstr (after, ==, before);
}

static void
test_push_non_fast_forward (void)
{
  g_autofree char *bare = make_bare ("push-nonff");
  g_autofree char *seed = g_strconcat (bare, ".seed", NULL);
  g_autofree char *url = daemon_url (bare);
  g_autofree char *path = NULL;
  g_autoptr(TandemGitRepository) repository = clone_repository (url, &path);
  g_autoptr(TandemGitOperation) operation = tandem_git_operation_new ();
  g_autoptr(GError) error = NULL;

  commit_file (seed, "theirs.txt", "theirs\n");
  g_free (git_test_run (seed, "push", "-q", bare, "main", NULL));
  commit_file (path, "ours.txt", "ours\n");

  g_assert_false (push (repository, operation, &error));
  g_assert_error (error, TANDEM_GIT_ERROR, TANDEM_GIT_ERROR_NON_FAST_FORWARD);
  g_assert_nonnull (strstr (error->message, "Pull first"));
}

static void
test_no_remote (void)
{
  g_autofree char *path = tandem_test_make_dir ("lonely");
  g_autoptr(GFile) workdir = g_file_new_for_path (path);
  g_autoptr(TandemGitRepository) repository = NULL;
  g_autoptr(TandemGitOperation) operation = tandem_git_operation_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_free (git_test_run (path, "init", "-q", NULL));
  commit_file (path, "a.txt", "a\n");
  repository = tandem_git_repository_open (workdir, &error);
  g_assert_no_error (error);

  tandem_git_repository_fetch_async (repository, operation, tandem_test_store_result_cb, &result);
  g_assert_false (tandem_git_repository_fetch_finish (repository,
                                                      tandem_test_wait_result (&result, TIMEOUT_MS),
                                                      &error));
  g_assert_error (error, TANDEM_GIT_ERROR, TANDEM_GIT_ERROR_NO_REMOTE);
  g_clear_error (&error);

  pull (repository, &error);
  g_assert_error (error, TANDEM_GIT_ERROR, TANDEM_GIT_ERROR_NO_UPSTREAM);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  tandem_test_init (&argc, &argv);
  /* The git CLI here must not see the machine's certificate settings. */
  g_unsetenv ("GIT_SSL_CAINFO");
  g_unsetenv ("SSH_AUTH_SOCK");
  git_test_keyring_start ();
  remotes = tandem_test_make_dir ("remotes");

  g_test_add_func ("/git/remote/clone/file", test_clone_file);
  g_test_add_func ("/git/remote/clone/daemon", test_clone_daemon);
  g_test_add_func ("/git/remote/clone/http", test_clone_http);
  g_test_add_func ("/git/remote/clone/https-certificate", test_https_certificate);
  g_test_add_func ("/git/remote/clone/ssh", test_ssh_clone);
  g_test_add_func ("/git/remote/ssh/username", test_ssh_username);
  g_test_add_func ("/git/remote/ssh/passphrase", test_ssh_passphrase);
  g_test_add_func ("/git/remote/ssh/wrong-passphrase", test_ssh_wrong_passphrase);
  g_test_add_func ("/git/remote/ssh/agent", test_ssh_agent);
  g_test_add_func ("/git/remote/ssh/empty-agent", test_ssh_empty_agent);
  g_test_add_func ("/git/remote/ssh/fallback-to-ecdsa", test_ssh_fallback_to_ecdsa);
  g_test_add_func ("/git/remote/ssh/tried-list", test_ssh_tried_list);
  g_test_add_func ("/git/remote/ssh/rsa-explained", test_ssh_rsa_explained);
  g_test_add_func ("/git/remote/host-key/reject", test_host_key_reject);
  g_test_add_func ("/git/remote/host-key/accept-always", test_host_key_accept_always);
  g_test_add_func ("/git/remote/host-key/changed", test_host_key_changed);
  g_test_add_func ("/git/remote/http/wrong-password", test_http_wrong_password);
  g_test_add_func ("/git/remote/http/keyring-token", test_keyring_token);
  g_test_add_func ("/git/remote/http/keyring-refused", test_keyring_refused);
  g_test_add_func ("/git/remote/prompt/unanswered", test_prompt_unanswered);
  g_test_add_func ("/git/remote/prompt/answered-later", test_prompt_answered_later);
  g_test_add_func ("/git/remote/cancel/in-prompt", test_cancel_in_prompt);
  g_test_add_func ("/git/remote/cancel/transfer", test_cancel_transfer);
  g_test_add_func ("/git/remote/network/refused", test_network_refused);
  g_test_add_func ("/git/remote/network/host-not-found", test_network_host_not_found);
  g_test_add_func ("/git/remote/fetch-pull-fast-forward", test_fetch_pull_fast_forward);
  g_test_add_func ("/git/remote/pull/merge", test_pull_merge);
  g_test_add_func ("/git/remote/pull/conflicts", test_pull_conflicts);
  g_test_add_func ("/git/remote/pull/would-overwrite", test_pull_would_overwrite);
  g_test_add_func ("/git/remote/push", test_push);
  g_test_add_func ("/git/remote/push/http", test_push_http);
  g_test_add_func ("/git/remote/push/ssh", test_push_ssh);
  g_test_add_func ("/git/remote/push/rejected-by-hook", test_push_rejected_by_hook);
  g_test_add_func ("/git/remote/push/non-fast-forward", test_push_non_fast_forward);
  g_test_add_func ("/git/remote/no-remote", test_no_remote);

  ret = g_test_run ();

  g_clear_pointer (&daemon_server, git_test_server_stop);
  g_clear_pointer (&http_server, git_test_server_stop);
  g_clear_pointer (&https_server, git_test_server_stop);
  g_clear_pointer (&ssh_server, git_test_server_stop);
  git_test_agent_stop ();
  /* Nothing may still hold the keyring's bus when it goes. */
  git_test_wait_workers ();
  git_test_keyring_stop ();
  g_free (remotes);
  git_test_wait_workers ();

  return ret;
}
