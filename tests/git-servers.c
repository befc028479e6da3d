/* git-servers.c
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

#define _GNU_SOURCE

#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <libsecret/secret.h>
#include <libsoup/soup.h>

#include "git-servers.h"
#include "tandem-test.h"

#define START_TIMEOUT_US (15 * G_USEC_PER_SEC)

typedef enum
{
  SERVER_DAEMON,
  SERVER_HTTP,
  SERVER_SSH,
} ServerKind;

struct _GitTestServer
{
  ServerKind    kind;
  char         *dir;             /* the server's own state */
  char         *root;            /* what it serves */
  guint         port;
  GSubprocess  *process;

  /* HTTP */
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  GAsyncQueue  *started;
  char         *expected_auth;   /* "Basic …", or NULL */
  char         *user;
  gboolean      tls;
  int           n_unauthorized;

  /* SSH */
  char         *authorized_keys;
  char         *known_hosts_line;
  char         *fingerprint;
};

static GSubprocess *agent;
static GTestDBus *keyring_bus;
static GSubprocess *keyring;
static guint n_servers;

static void
die_with_parent (gpointer data)
{
  /* A test that aborts must not leave servers behind. */
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static GSubprocessLauncher *
launcher_new (GSubprocessFlags flags)
{
  GSubprocessLauncher *launcher = g_subprocess_launcher_new (flags);

  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  return launcher;
}

static GSubprocess *
spawn (const char * const  *argv,
       GSubprocessFlags     flags,
       GError             **error)
{
  g_autoptr(GSubprocessLauncher) launcher = launcher_new (flags);

  return g_subprocess_launcher_spawnv (launcher, argv, error);
}

static char *
run_checked (const char         *dir,
             const char * const *argv,
             const char         *input)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  launcher = launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE |
                                        (input != NULL ? G_SUBPROCESS_FLAGS_STDIN_PIPE : 0));
  g_subprocess_launcher_setenv (launcher, "GIT_TERMINAL_PROMPT", "0", TRUE);
  g_subprocess_launcher_setenv (launcher, "GIT_CONFIG_NOSYSTEM", "1", TRUE);
  if (dir != NULL)
    g_subprocess_launcher_set_cwd (launcher, dir);

  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  if (process == NULL)
    g_error ("Could not run %s: %s", argv[0], error->message);

  g_subprocess_communicate_utf8 (process, input, NULL, &out, &err, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_if_exited (process) || g_subprocess_get_exit_status (process) != 0)
    {
      g_autofree char *command = g_strjoinv (" ", (char **)argv);
      g_error ("“%s” failed in %s:\n%s%s", command, dir != NULL ? dir : ".", out, err);
    }

  return g_steal_pointer (&out);
}

char *
git_test_run (const char *dir,
              ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (char *)"git");
  g_ptr_array_add (argv, (char *)"-c");
  g_ptr_array_add (argv, (char *)"user.name=Test User");
  g_ptr_array_add (argv, (char *)"-c");
  g_ptr_array_add (argv, (char *)"user.email=test@example.com");
  g_ptr_array_add (argv, (char *)"-c");
  g_ptr_array_add (argv, (char *)"init.defaultBranch=main");
  va_start (args, dir);
  while ((arg = va_arg (args, const char *)))
    g_ptr_array_add (argv, (char *)arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  return run_checked (dir, (const char * const *)argv->pdata, NULL);
}

char *
git_test_make_bare (const char *root,
                    const char *name)
{
  g_autofree char *bare = g_build_filename (root, name, NULL);
  g_autofree char *seed = g_strconcat (bare, ".seed", NULL);
  g_autofree char *readme = g_build_filename (seed, "README", NULL);

  g_free (git_test_run (NULL, "init", "-q", "--bare", bare, NULL));
  g_free (git_test_run (NULL, "init", "-q", seed, NULL));
  g_assert_true (g_file_set_contents (readme, "hello\n", -1, NULL));
  g_free (git_test_run (seed, "add", "README", NULL));
  g_free (git_test_run (seed, "commit", "-q", "-m", "First commit", NULL));
  g_free (git_test_run (seed, "push", "-q", bare, "main", NULL));

  return g_steal_pointer (&bare);
}

static guint
find_free_port (void)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GSocketAddress) local = NULL;
  g_autoptr(GError) error = NULL;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  address = g_inet_socket_address_new_from_string ("127.0.0.1", 0);
  g_socket_bind (socket, address, TRUE, &error);
  g_assert_no_error (error);
  local = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);

  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local));
}

static gboolean
port_accepts (guint port)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) address = NULL;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  address = g_inet_socket_address_new_from_string ("127.0.0.1", port);

  return socket != NULL && g_socket_connect (socket, address, NULL, NULL);
}

static GitTestServer *
server_new (ServerKind  kind,
            const char *root)
{
  GitTestServer *server = g_new0 (GitTestServer, 1);
  g_autofree char *name = g_strdup_printf ("server-%u", ++n_servers);

  server->kind = kind;
  server->dir = tandem_test_make_dir (name);
  server->root = g_strdup (root);
  server->port = find_free_port ();

  return server;
}

/* Starts @argv with its output in the server's log and waits until the port answers. */
static void
server_spawn (GitTestServer      *server,
              const char * const *argv)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *log = g_build_filename (server->dir, "log", NULL);
  gint64 deadline = g_get_monotonic_time () + START_TIMEOUT_US;

  launcher = launcher_new (G_SUBPROCESS_FLAGS_STDIN_INHERIT);
  g_subprocess_launcher_set_stdout_file_path (launcher, log);
  g_subprocess_launcher_set_stderr_file_path (launcher, log);
  server->process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  if (server->process == NULL)
    g_error ("Could not start %s: %s. Install it (see build-aux/deps.sh).", argv[0], error->message);

  while (!port_accepts (server->port))
    {
      if (g_subprocess_get_identifier (server->process) == NULL ||
          g_get_monotonic_time () > deadline)
        {
          g_autofree char *contents = NULL;

          g_file_get_contents (log, &contents, NULL, NULL);
          g_error ("%s did not start on port %u:\n%s", argv[0], server->port,
                   contents != NULL ? contents : "");
        }
      g_usleep (G_USEC_PER_SEC / 50);
    }
}

GitTestServer *
git_test_daemon_start (const char *base_path)
{
  GitTestServer *server = server_new (SERVER_DAEMON, base_path);
  g_autofree char *base = g_strdup_printf ("--base-path=%s", base_path);
  g_autofree char *port = g_strdup_printf ("--port=%u", server->port);
  g_autofree char *pid_file = g_strdup_printf ("--pid-file=%s/pid", server->dir);
  const char *exec_argv[] = { "git", "--exec-path", NULL };
  g_autofree char *exec_path = g_strstrip (run_checked (NULL, exec_argv, NULL));
  /* Not "git daemon": that wrapper would not pass SIGTERM on to git-daemon. */
  g_autofree char *daemon = g_build_filename (exec_path, "git-daemon", NULL);
  const char *argv[] = {
    daemon, "--reuseaddr", "--export-all", "--enable=receive-pack",
    "--informative-errors", "--listen=127.0.0.1", base, port, pid_file, base_path, NULL,
  };

  server_spawn (server, argv);
  return server;
}

/* CGI: "Status:" and other headers, an empty line, then the body. */
static void
send_cgi_output (SoupServerMessage *msg,
                 GBytes            *output)
{
  gsize length;
  const char *data = g_bytes_get_data (output, &length);
  const char *end = g_strstr_len (data, length, "\r\n\r\n");
  gsize skip = 4;
  g_autofree char *head = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *content_type = NULL;
  guint status = SOUP_STATUS_OK;

  if (end == NULL)
    {
      end = g_strstr_len (data, length, "\n\n");
      skip = 2;
    }
  if (end == NULL)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, NULL);
      return;
    }

  head = g_strndup (data, end - data);
  lines = g_strsplit (head, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *colon = strchr (lines[i], ':');

      g_strstrip (lines[i]);
      if (colon == NULL)
        continue;
      *colon = '\0';
      g_strstrip (colon + 1);
      if (g_ascii_strcasecmp (lines[i], "Status") == 0)
        status = (guint)g_ascii_strtoull (colon + 1, NULL, 10);
      else if (g_ascii_strcasecmp (lines[i], "Content-Type") == 0)
        {
          g_free (content_type);
          content_type = g_strdup (colon + 1);
        }
      else
        soup_message_headers_append (soup_server_message_get_response_headers (msg),
                                     lines[i], colon + 1);
    }

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY, end + skip,
                                    length - (end + skip - data));
}

static void
http_handler (SoupServer        *soup,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  GitTestServer *server = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GBytes) output = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *length = NULL;
  g_autofree char *log = g_build_filename (server->dir, "log", NULL);
  const char *value;
  GUri *uri = soup_server_message_get_uri (msg);
  const char *argv[] = { "git", "http-backend", NULL };

  if (server->expected_auth != NULL &&
      g_strcmp0 (soup_message_headers_get_one (headers, "Authorization"),
                 server->expected_auth) != 0)
    {
      g_atomic_int_inc (&server->n_unauthorized);
      soup_message_headers_append (soup_server_message_get_response_headers (msg),
                                   "WWW-Authenticate", "Basic realm=\"git\"");
      soup_server_message_set_status (msg, SOUP_STATUS_UNAUTHORIZED, NULL);
      return;
    }

  body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  length = g_strdup_printf ("%" G_GSIZE_FORMAT, g_bytes_get_size (body));

  launcher = launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_stderr_file_path (launcher, log);
  g_subprocess_launcher_set_environ (launcher, NULL);
  g_subprocess_launcher_setenv (launcher, "PATH", g_getenv ("PATH"), TRUE);
  g_subprocess_launcher_setenv (launcher, "HOME", server->dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "GIT_CONFIG_NOSYSTEM", "1", TRUE);
  g_subprocess_launcher_setenv (launcher, "GIT_PROJECT_ROOT", server->root, TRUE);
  g_subprocess_launcher_setenv (launcher, "GIT_HTTP_EXPORT_ALL", "1", TRUE);
  g_subprocess_launcher_setenv (launcher, "REQUEST_METHOD", soup_server_message_get_method (msg), TRUE);
  g_subprocess_launcher_setenv (launcher, "PATH_INFO", path, TRUE);
  g_subprocess_launcher_setenv (launcher, "QUERY_STRING",
                                g_uri_get_query (uri) != NULL ? g_uri_get_query (uri) : "", TRUE);
  g_subprocess_launcher_setenv (launcher, "CONTENT_LENGTH", length, TRUE);
  g_subprocess_launcher_setenv (launcher, "REMOTE_ADDR", "127.0.0.1", TRUE);
  if (server->user != NULL)
    g_subprocess_launcher_setenv (launcher, "REMOTE_USER", server->user, TRUE);
  if ((value = soup_message_headers_get_one (headers, "Content-Type")))
    g_subprocess_launcher_setenv (launcher, "CONTENT_TYPE", value, TRUE);
  if ((value = soup_message_headers_get_one (headers, "Content-Encoding")))
    g_subprocess_launcher_setenv (launcher, "HTTP_CONTENT_ENCODING", value, TRUE);
  if ((value = soup_message_headers_get_one (headers, "Git-Protocol")))
    g_subprocess_launcher_setenv (launcher, "GIT_PROTOCOL", value, TRUE);

  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  if (process == NULL || !g_subprocess_communicate (process, body, NULL, &output, NULL, &error))
    {
      g_printerr ("git http-backend: %s\n", error->message);
      soup_server_message_set_status (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, NULL);
      return;
    }

  send_cgi_output (msg, output);
}

static gpointer
http_thread (gpointer data)
{
  GitTestServer *server = data;
  g_autoptr(SoupServer) soup = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (server->context);

  if (server->tls)
    {
      g_autofree char *cert = g_build_filename (server->dir, "cert.pem", NULL);
      g_autofree char *key = g_build_filename (server->dir, "key.pem", NULL);

      certificate = g_tls_certificate_new_from_files (cert, key, &error);
      g_assert_no_error (error);
    }

  soup = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_add_handler (soup, NULL, http_handler, server, NULL);
  if (!soup_server_listen_local (soup, 0,
                                 SOUP_SERVER_LISTEN_IPV4_ONLY |
                                 (server->tls ? SOUP_SERVER_LISTEN_HTTPS : 0), &error))
    g_error ("The HTTP server did not start: %s", error->message);

  uris = soup_server_get_uris (soup);
  server->port = g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);
  g_async_queue_push (server->started, GUINT_TO_POINTER (1));

  g_main_loop_run (server->loop);

  soup_server_disconnect (soup);
  g_main_context_pop_thread_default (server->context);

  return NULL;
}

GitTestServer *
git_test_http_start (const char *project_root,
                     gboolean    tls,
                     const char *user,
                     const char *password)
{
  GitTestServer *server = server_new (SERVER_HTTP, project_root);

  server->tls = tls;
  server->user = g_strdup (user);
  if (user != NULL)
    {
      g_autofree char *pair = g_strdup_printf ("%s:%s", user, password);
      g_autofree char *encoded = g_base64_encode ((const guchar *)pair, strlen (pair));

      server->expected_auth = g_strconcat ("Basic ", encoded, NULL);
    }

  if (tls)
    {
      g_autofree char *cert = g_build_filename (server->dir, "cert.pem", NULL);
      g_autofree char *key = g_build_filename (server->dir, "key.pem", NULL);
      const char *argv[] = {
        "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key,
        "-out", cert, "-days", "2", "-subj", "/CN=localhost",
        "-addext", "subjectAltName=DNS:localhost", NULL,
      };

      g_free (run_checked (server->dir, argv, NULL));
    }

  server->context = g_main_context_new ();
  server->loop = g_main_loop_new (server->context, FALSE);
  server->started = g_async_queue_new ();
  server->thread = g_thread_new ("http-server", http_thread, server);
  g_async_queue_pop (server->started);

  return server;
}

GitTestServer *
git_test_ssh_start (void)
{
  GitTestServer *server = server_new (SERVER_SSH, "/");
  g_autofree char *host_key = g_build_filename (server->dir, "host_ed25519", NULL);
  g_autofree char *host_pub = g_strconcat (host_key, ".pub", NULL);
  g_autofree char *config_path = g_build_filename (server->dir, "sshd_config", NULL);
  g_autofree char *config = NULL;
  g_autofree char *pub = NULL;
  g_autofree char *listing = NULL;
  g_autofree char *sshd = g_find_program_in_path ("sshd");
  g_auto(GStrv) fields = NULL;
  const char *keygen_argv[] = { "ssh-keygen", "-l", "-f", host_pub, NULL };

  if (sshd == NULL && g_file_test ("/usr/sbin/sshd", G_FILE_TEST_IS_EXECUTABLE))
    sshd = g_strdup ("/usr/sbin/sshd");
  if (sshd == NULL)
    g_error ("sshd was not found: install openssh-server (build-aux/deps.sh does).");

  /* As root sshd wants its privilege separation folder. */
  if (getuid () == 0)
    g_mkdir_with_parents ("/run/sshd", 0755);

  git_test_ssh_keygen (host_key, NULL);
  server->authorized_keys = g_build_filename (server->dir, "authorized_keys", NULL);
  g_assert_true (g_file_set_contents (server->authorized_keys, "", 0, NULL));
  g_chmod (server->authorized_keys, 0600);

  config = g_strdup_printf ("Port %u\n"
                            "ListenAddress 127.0.0.1\n"
                            "HostKey %s\n"
                            "PidFile %s/sshd.pid\n"
                            "AuthorizedKeysFile %s\n"
                            "StrictModes no\n"
                            "UsePAM no\n"
                            "PubkeyAuthentication yes\n"
                            "PasswordAuthentication no\n"
                            "KbdInteractiveAuthentication no\n"
                            "PermitRootLogin prohibit-password\n"
                            "SetEnv SHLVL=1\n"
                            "LogLevel VERBOSE\n",
                            server->port, host_key, server->dir, server->authorized_keys);
  g_assert_true (g_file_set_contents (config_path, config, -1, NULL));

  g_assert_true (g_file_get_contents (host_pub, &pub, NULL, NULL));
  fields = g_strsplit (g_strstrip (pub), " ", 3);
  server->known_hosts_line = g_strdup_printf ("[127.0.0.1]:%u %s %s", server->port,
                                              fields[0], fields[1]);
  g_strfreev (fields);

  listing = run_checked (NULL, keygen_argv, NULL);
  fields = g_strsplit (listing, " ", 3);
  server->fingerprint = g_strdup (fields[1]);

  {
    const char *argv[] = { sshd, "-D", "-e", "-f", config_path, NULL };

    server_spawn (server, argv);
  }

  return server;
}

void
git_test_server_stop (GitTestServer *server)
{
  if (server->process != NULL)
    {
      g_subprocess_send_signal (server->process, SIGTERM);
      g_subprocess_wait (server->process, NULL, NULL);
      g_clear_object (&server->process);
    }

  if (server->thread != NULL)
    {
      g_main_loop_quit (server->loop);
      g_main_context_wakeup (server->context);
      g_thread_join (server->thread);
      g_clear_pointer (&server->loop, g_main_loop_unref);
      g_clear_pointer (&server->context, g_main_context_unref);
      g_clear_pointer (&server->started, g_async_queue_unref);
    }

  g_free (server->dir);
  g_free (server->root);
  g_free (server->expected_auth);
  g_free (server->user);
  g_free (server->authorized_keys);
  g_free (server->known_hosts_line);
  g_free (server->fingerprint);
  g_free (server);
}

guint
git_test_server_get_port (GitTestServer *server)
{
  return server->port;
}

char *
git_test_server_url (GitTestServer *server,
                     const char    *repo_path,
                     gboolean       with_user)
{
  switch (server->kind)
    {
    case SERVER_DAEMON:
      return g_strdup_printf ("git://127.0.0.1:%u/%s", server->port, repo_path);
    case SERVER_HTTP:
      /* libgit2 1.5 checks the certificate's DNS names only, not IP addresses. */
      return g_strdup_printf ("%s://localhost:%u/%s", server->tls ? "https" : "http",
                              server->port, repo_path);
    case SERVER_SSH:
    default:
      return g_strdup_printf ("ssh://%s%s127.0.0.1:%u%s", with_user ? g_get_user_name () : "",
                              with_user ? "@" : "", server->port, repo_path);
    }
}

guint
git_test_server_get_n_unauthorized (GitTestServer *server)
{
  return (guint)g_atomic_int_get (&server->n_unauthorized);
}

const char *
git_test_ssh_get_known_hosts_line (GitTestServer *server)
{
  return server->known_hosts_line;
}

const char *
git_test_ssh_get_fingerprint (GitTestServer *server)
{
  return server->fingerprint;
}

void
git_test_ssh_authorize_key (GitTestServer *server,
                            const char    *public_key_path)
{
  g_autofree char *key = NULL;
  g_autofree char *keys = NULL;
  g_autofree char *joined = NULL;

  g_assert_true (g_file_get_contents (public_key_path, &key, NULL, NULL));
  g_assert_true (g_file_get_contents (server->authorized_keys, &keys, NULL, NULL));
  joined = g_strconcat (keys, key, NULL);
  g_assert_true (g_file_set_contents (server->authorized_keys, joined, -1, NULL));
}

void
git_test_ssh_keygen (const char *path,
                     const char *passphrase)
{
  git_test_ssh_keygen_type (path, "ed25519", passphrase);
}

void
git_test_ssh_keygen_type (const char *path,
                          const char *type,
                          const char *passphrase)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *pub = g_strconcat (path, ".pub", NULL);
  const char *argv[] = {
    "ssh-keygen", "-q", "-t", type, "-N", passphrase != NULL ? passphrase : "",
    "-C", "tandem-test", "-f", path, NULL,
  };

  g_mkdir_with_parents (dir, 0700);
  g_unlink (path);
  g_unlink (pub);
  g_free (run_checked (NULL, argv, NULL));
}

static gboolean
agent_answers (void)
{
  const char *argv[] = { "ssh-add", "-l", NULL };
  int status = 0;

  if (!g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
                     G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, NULL))
    return FALSE;

  return WIFEXITED (status) && WEXITSTATUS (status) < 2;
}

void
git_test_agent_start (void)
{
  g_autofree char *socket = g_build_filename (tandem_test_get_tmpdir (), "agent.sock", NULL);
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "ssh-agent", "-D", "-a", socket, NULL };
  gint64 deadline = g_get_monotonic_time () + START_TIMEOUT_US;

  g_assert_null (agent);
  g_unlink (socket);
  agent = spawn (argv, G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error);
  if (agent == NULL)
    g_error ("Could not start ssh-agent: %s. Install openssh-client.", error->message);

  g_setenv ("SSH_AUTH_SOCK", socket, TRUE);

  /* The socket exists a moment before the agent listens: ready once ssh-add can ask it
   * (exit status 1, "no identities", rather than 2, "cannot connect"). */
  while (!agent_answers ())
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("ssh-agent does not answer on %s", socket);
      g_usleep (G_USEC_PER_SEC / 100);
    }
}

void
git_test_agent_add (const char *private_key_path)
{
  const char *argv[] = { "ssh-add", "-q", private_key_path, NULL };

  g_free (run_checked (NULL, argv, NULL));
}

void
git_test_agent_stop (void)
{
  if (agent != NULL)
    {
      g_subprocess_send_signal (agent, SIGTERM);
      g_subprocess_wait (agent, NULL, NULL);
      g_clear_object (&agent);
    }
  if (g_getenv ("SSH_AUTH_SOCK") != NULL)
    g_unsetenv ("SSH_AUTH_SOCK");
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

void
git_test_keyring_start (void)
{
  g_autofree char *runtime = g_build_filename (tandem_test_get_tmpdir (), "runtime", NULL);
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = {
    "gnome-keyring-daemon", "--unlock", "--components=secrets", "--foreground", NULL,
  };
  gint64 deadline = g_get_monotonic_time () + START_TIMEOUT_US;
  GOutputStream *input;

  /* Never the developer's keyring: a bus of our own. */
  keyring_bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (keyring_bus);

  g_mkdir_with_parents (runtime, 0700);
  g_setenv ("XDG_RUNTIME_DIR", runtime, TRUE);

  keyring = spawn (argv, G_SUBPROCESS_FLAGS_STDIN_PIPE |
                               G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error);
  if (keyring == NULL)
    g_error ("Could not start gnome-keyring-daemon: %s. Install gnome-keyring.", error->message);

  input = g_subprocess_get_stdin_pipe (keyring);
  g_output_stream_write_all (input, "pw", 2, NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (input, NULL, &error);
  g_assert_no_error (error);

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  /* Polled: nothing else wakes the main loop up while the daemon starts. */
  while (!has_keyring (bus))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("gnome-keyring-daemon did not appear on the test's bus");
      g_usleep (G_USEC_PER_SEC / 50);
    }
}

void
git_test_keyring_stop (void)
{
  /* libsecret keeps its service, and with it the test bus's connection, until told:
   * g_test_dbus_down() waits for that connection to go. */
  secret_service_disconnect ();
  if (keyring != NULL)
    {
      g_subprocess_send_signal (keyring, SIGTERM);
      g_subprocess_wait (keyring, NULL, NULL);
      g_clear_object (&keyring);
    }
  if (keyring_bus != NULL)
    {
      g_test_dbus_down (keyring_bus);
      g_clear_object (&keyring_bus);
    }
}

gboolean
git_test_tree_contains (const char *path,
                        const char *needle)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    return FALSE;

  if (!(dir = g_dir_open (path, 0, NULL)))
    {
      g_autofree char *contents = NULL;
      gsize length;

      return g_file_get_contents (path, &contents, &length, NULL) &&
             memmem (contents, length, needle, strlen (needle)) != NULL;
    }

  while ((name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (git_test_tree_contains (child, needle))
        return TRUE;
    }

  return FALSE;
}
