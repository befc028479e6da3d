/* tandem-terminal-utils.c
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

#define G_LOG_DOMAIN "tandem-terminal-utils"

#include "config.h"

#include <pwd.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "tandem-terminal-utils.h"

#define FALLBACK_SHELL "/bin/sh"

/* A path with an extension, then :line and an optional :column, as compilers, grep -n,
 * test runners and linters print them. */
#define REFERENCE_PATTERN \
  "(?<![[:alnum:]_.+@/~-])" \
  "(?<path>(?:~/|\\.{1,2}/|/)?(?:[[:alnum:]_.+@-]+/)*[[:alnum:]_+@-][[:alnum:]_.+@-]*\\.[[:alnum:]]+)" \
  ":(?<line>[0-9]+)(?::(?<column>[0-9]+))?"

#define URL_PATTERN \
  "\\b(?:https?|ftp|file)://[^\\s<>\"'()\\[\\]{}]*[^\\s<>\"'()\\[\\]{}.,;:!?]"

/**
 * tandem_terminal_in_flatpak:
 *
 * Returns: whether Tandem runs inside a Flatpak sandbox
 */
gboolean
tandem_terminal_in_flatpak (void)
{
  return g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS);
}

/**
 * tandem_terminal_build_environ:
 * @base_env: (nullable): the environment to start from, or %NULL for the process's own
 *
 * Returns: (transfer full): the environment of a terminal's child process
 */
char **
tandem_terminal_build_environ (const char * const *base_env)
{
  char **env;

  env = base_env != NULL ? g_strdupv ((char **)base_env) : g_get_environ ();
  env = g_environ_setenv (env, "TERM", "xterm-256color", TRUE);
  env = g_environ_setenv (env, "COLORTERM", "truecolor", TRUE);
  env = g_environ_setenv (env, "TERM_PROGRAM", "tandem", TRUE);

  return env;
}

/**
 * tandem_terminal_build_host_argv:
 * @argv: the command to run on the host
 * @directory: (nullable): its working directory
 * @env: (nullable): `KEY=VALUE` pairs to set for it
 * @forward_fds: (array length=n_forward_fds) (nullable): descriptors to hand over
 * @n_forward_fds: the length of @forward_fds
 *
 * Builds the `flatpak-spawn --host` command line that runs @argv outside the sandbox.
 * Standard input, output and error are always forwarded by flatpak-spawn; other
 * descriptors in @forward_fds get a `--forward-fd`.
 *
 * Returns: (transfer full): the argument vector
 */
char **
tandem_terminal_build_host_argv (const char * const *argv,
                                 const char          *directory,
                                 const char * const  *env,
                                 const int           *forward_fds,
                                 guint                n_forward_fds)
{
  GPtrArray *args;

  g_return_val_if_fail (argv != NULL && argv[0] != NULL, NULL);
  g_return_val_if_fail (n_forward_fds == 0 || forward_fds != NULL, NULL);

  args = g_ptr_array_new ();
  g_ptr_array_add (args, g_strdup ("flatpak-spawn"));
  g_ptr_array_add (args, g_strdup ("--host"));
  /* The host process dies with us instead of living on without a terminal. */
  g_ptr_array_add (args, g_strdup ("--watch-bus"));

  for (guint i = 0; i < n_forward_fds; i++)
    {
      if (forward_fds[i] > 2)
        g_ptr_array_add (args, g_strdup_printf ("--forward-fd=%d", forward_fds[i]));
    }

  if (directory != NULL)
    g_ptr_array_add (args, g_strdup_printf ("--directory=%s", directory));

  for (guint i = 0; env != NULL && env[i] != NULL; i++)
    {
      if (strchr (env[i], '=') != NULL)
        g_ptr_array_add (args, g_strdup_printf ("--env=%s", env[i]));
    }

  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (args, g_strdup (argv[i]));

  g_ptr_array_add (args, NULL);

  return (char **)g_ptr_array_free (args, FALSE);
}

/**
 * tandem_terminal_parse_passwd_shell:
 * @passwd: a line of `getent passwd` output
 *
 * Returns: (transfer full) (nullable): the login shell in @passwd, or %NULL
 */
char *
tandem_terminal_parse_passwd_shell (const char *passwd)
{
  g_auto(GStrv) fields = NULL;
  g_autofree char *line = NULL;
  const char *newline;

  if (passwd == NULL)
    return NULL;

  newline = strchr (passwd, '\n');
  line = newline ? g_strndup (passwd, newline - passwd) : g_strdup (passwd);
  fields = g_strsplit (line, ":", -1);

  if (g_strv_length (fields) < 7)
    return NULL;

  g_strstrip (fields[6]);
  if (!g_path_is_absolute (fields[6]))
    return NULL;

  return g_strdup (fields[6]);
}

/**
 * tandem_terminal_dup_local_shell:
 * @preferred: (nullable): the shell chosen in Preferences, or "" or %NULL
 *
 * Returns: (transfer full): the shell to run outside Flatpak: @preferred, else the
 *   user's login shell, else `$SHELL`, else `/bin/sh`
 */
char *
tandem_terminal_dup_local_shell (const char *preferred)
{
  struct passwd pw, *result = NULL;
  char buffer[4096];
  const char *env_shell;

  if (preferred != NULL && preferred[0] != '\0')
    return g_strdup (preferred);

  if (getpwuid_r (getuid (), &pw, buffer, sizeof buffer, &result) == 0 && result != NULL &&
      result->pw_shell != NULL && g_path_is_absolute (result->pw_shell))
    return g_strdup (result->pw_shell);

  env_shell = g_getenv ("SHELL");
  if (env_shell != NULL && g_path_is_absolute (env_shell))
    return g_strdup (env_shell);

  return g_strdup (FALLBACK_SHELL);
}

static void
tandem_terminal_getent_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  GSubprocess *subprocess = G_SUBPROCESS (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *stdout_buf = NULL;
  char *shell = NULL;

  if (!g_subprocess_communicate_utf8_finish (subprocess, result, &stdout_buf, NULL, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      g_debug ("Could not ask the host for the shell: %s", error->message);
    }
  else if (g_subprocess_get_successful (subprocess))
    shell = tandem_terminal_parse_passwd_shell (stdout_buf);

  g_task_return_pointer (task, shell ? shell : g_strdup (FALLBACK_SHELL), g_free);
}

/**
 * tandem_terminal_find_host_shell_async:
 *
 * Asks the host (`flatpak-spawn --host getent passwd USER`) for the user's login shell.
 * Any failure other than cancellation gives `/bin/sh`.
 */
void
tandem_terminal_find_host_shell_async (GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GSubprocess) subprocess = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, tandem_terminal_find_host_shell_async);

  subprocess = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                                 &error,
                                 "flatpak-spawn", "--host", "getent", "passwd",
                                 g_get_user_name (), NULL);
  if (subprocess == NULL)
    {
      g_debug ("Could not ask the host for the shell: %s", error->message);
      g_task_return_pointer (task, g_strdup (FALLBACK_SHELL), g_free);
      return;
    }

  g_subprocess_communicate_utf8_async (subprocess, NULL, cancellable,
                                       tandem_terminal_getent_cb, g_steal_pointer (&task));
}

/**
 * tandem_terminal_find_host_shell_finish:
 *
 * Returns: (transfer full): the host shell, or %NULL when cancelled
 */
char *
tandem_terminal_find_host_shell_finish (GAsyncResult  *result,
                                        GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * tandem_terminal_get_reference_pattern:
 *
 * Returns: the PCRE2 pattern of a `path:line[:column]` reference
 */
const char *
tandem_terminal_get_reference_pattern (void)
{
  return REFERENCE_PATTERN;
}

/**
 * tandem_terminal_get_url_pattern:
 *
 * Returns: the PCRE2 pattern of a URL
 */
const char *
tandem_terminal_get_url_pattern (void)
{
  return URL_PATTERN;
}

/**
 * tandem_terminal_parse_reference:
 * @text: text that holds a reference such as `src/a.c:12:5: error`
 * @path: (out) (transfer full): the path as written
 * @line: (out): the line, 1-based
 * @column: (out): the column, 1-based, or 0 when none was given
 *
 * Returns: whether @text holds a reference
 */
gboolean
tandem_terminal_parse_reference (const char  *text,
                                 char       **path,
                                 int         *line,
                                 int         *column)
{
  static GRegex *regex;
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *line_str = NULL;
  g_autofree char *column_str = NULL;
  gint64 line_num;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (path != NULL && line != NULL && column != NULL, FALSE);

  if (g_once_init_enter (&regex))
    g_once_init_leave (&regex, g_regex_new (REFERENCE_PATTERN, G_REGEX_OPTIMIZE, 0, NULL));

  if (!g_regex_match (regex, text, 0, &match))
    return FALSE;

  line_str = g_match_info_fetch_named (match, "line");
  column_str = g_match_info_fetch_named (match, "column");
  line_num = g_ascii_strtoll (line_str, NULL, 10);
  if (line_num < 1 || line_num > G_MAXINT)
    return FALSE;

  *path = g_match_info_fetch_named (match, "path");
  *line = (int)line_num;
  *column = column_str != NULL && column_str[0] != '\0'
            ? (int)CLAMP (g_ascii_strtoll (column_str, NULL, 10), 0, G_MAXINT)
            : 0;

  return TRUE;
}

static char *
format_duration (gint64 duration_usec)
{
  double seconds = duration_usec / (double)G_USEC_PER_SEC;

  if (seconds < 60)
    /* Translators: a duration in seconds, e.g. "1.2 s" */
    return g_strdup_printf (_("%.1f s"), seconds);

  /* Translators: a duration in minutes and seconds, e.g. "3 min 12 s" */
  return g_strdup_printf (_("%d min %d s"), (int)(seconds / 60), (int)seconds % 60);
}

/**
 * tandem_terminal_format_exit:
 * @wait_status: the status from waitpid()
 * @is_command: whether a run command ended (else a shell)
 * @duration_usec: how long it ran
 *
 * Returns: (transfer full): what to tell the user about the end of a process
 */
char *
tandem_terminal_format_exit (int      wait_status,
                             gboolean is_command,
                             gint64   duration_usec)
{
  g_autofree char *duration = format_duration (duration_usec);

  if (WIFEXITED (wait_status))
    {
      if (is_command)
        /* Translators: e.g. "Exited with status 0 after 1.2 s" */
        return g_strdup_printf (_("Exited with status %d after %s"),
                                WEXITSTATUS (wait_status), duration);
      return g_strdup_printf (_("The shell exited with code %d"), WEXITSTATUS (wait_status));
    }

  if (WIFSIGNALED (wait_status))
    {
      if (is_command)
        /* Translators: e.g. "Stopped by signal 9 (Killed) after 2.0 s" */
        return g_strdup_printf (_("Stopped by signal %d (%s) after %s"), WTERMSIG (wait_status),
                                g_strsignal (WTERMSIG (wait_status)), duration);
      return g_strdup_printf (_("The shell was stopped by signal %d (%s)"),
                              WTERMSIG (wait_status), g_strsignal (WTERMSIG (wait_status)));
    }

  if (is_command)
    return g_strdup_printf (_("Ended after %s"), duration);
  return g_strdup (_("The shell ended"));
}
