/* test-terminal-utils.c
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

/* The terminal's pure helpers: the Flatpak host command line, the child environment,
 * passwd parsing, file references and exit messages. No display. */

#include "config.h"

#include <sys/wait.h>

#include "tandem-terminal-utils.h"
#include "tandem-test.h"

static void
test_host_argv (void)
{
  const char * const argv[] = { "/usr/bin/zsh", "-l", NULL };
  const char * const env[] = { "TERM=xterm-256color", "COLORTERM=truecolor", "not-a-pair", NULL };
  const int fds[] = { 0, 1, 2, 5, 7 };
  g_auto(GStrv) result = NULL;
  const char * const expected[] = {
    "flatpak-spawn", "--host", "--watch-bus",
    "--forward-fd=5", "--forward-fd=7",
    "--directory=/home/me/my project",
    "--env=TERM=xterm-256color", "--env=COLORTERM=truecolor",
    "/usr/bin/zsh", "-l", NULL
  };

  result = tandem_terminal_build_host_argv (argv, "/home/me/my project", env, fds, G_N_ELEMENTS (fds));
  g_assert_cmpstrv (result, expected);
}

static void
test_host_argv_minimal (void)
{
  const char * const argv[] = { "sh", "-c", "make && ./run", NULL };
  g_auto(GStrv) result = NULL;
  const char * const expected[] = {
    "flatpak-spawn", "--host", "--watch-bus", "sh", "-c", "make && ./run", NULL
  };

  result = tandem_terminal_build_host_argv (argv, NULL, NULL, NULL, 0);
  g_assert_cmpstrv (result, expected);
}

static void
test_environ (void)
{
  const char * const base[] = { "HOME=/home/me", "TERM=dumb", NULL };
  g_auto(GStrv) env = tandem_terminal_build_environ (base);

  g_assert_cmpstr (g_environ_getenv (env, "TERM"), ==, "xterm-256color");
  g_assert_cmpstr (g_environ_getenv (env, "COLORTERM"), ==, "truecolor");
  g_assert_cmpstr (g_environ_getenv (env, "HOME"), ==, "/home/me");
}

static void
test_passwd_shell (void)
{
  g_autofree char *shell = NULL;
  g_autofree char *none = NULL;
  g_autofree char *relative = NULL;
  g_autofree char *preferred = NULL;
  g_autofree char *local = NULL;

  shell = tandem_terminal_parse_passwd_shell ("me:x:1000:1000:Me,,,:/home/me:/usr/bin/fish\n");
  g_assert_cmpstr (shell, ==, "/usr/bin/fish");
  none = tandem_terminal_parse_passwd_shell ("garbage");
  g_assert_null (none);
  relative = tandem_terminal_parse_passwd_shell ("me:x:1:1::/home/me:bash");
  g_assert_null (relative);

  preferred = tandem_terminal_dup_local_shell ("/bin/sh");
  g_assert_cmpstr (preferred, ==, "/bin/sh");
  local = tandem_terminal_dup_local_shell ("");
  g_assert_true (g_path_is_absolute (local));
}

static void
check_reference (const char *text,
                 const char *path,
                 int         line,
                 int         column)
{
  g_autofree char *found = NULL;
  int found_line = -1, found_column = -1;

  if (path == NULL)
    {
      g_assert_false (tandem_terminal_parse_reference (text, &found, &found_line, &found_column));
      return;
    }

  g_assert_true (tandem_terminal_parse_reference (text, &found, &found_line, &found_column));
  g_assert_cmpstr (found, ==, path);
  g_assert_cmpint (found_line, ==, line);
  g_assert_cmpint (found_column, ==, column);
}

static void
test_references (void)
{
  check_reference ("src/a.c:12:5: error: expected ';'", "src/a.c", 12, 5);
  check_reference ("tests/x.py:40", "tests/x.py", 40, 0);
  check_reference ("README.md:3:    some grep -n output", "README.md", 3, 0);
  check_reference ("../lib/util.rs:7:1", "../lib/util.rs", 7, 1);
  check_reference ("  at /abs/path/file.js:99:2)", "/abs/path/file.js", 99, 2);
  check_reference ("In file included from ./include/x.h:1,", "./include/x.h", 1, 0);
  check_reference ("no reference here", NULL, 0, 0);
  check_reference ("time 12:30:45", NULL, 0, 0);
  check_reference ("file.c:0", NULL, 0, 0);
}

static void
test_exit_messages (void)
{
  g_autofree char *shell = NULL;
  g_autofree char *command = NULL;
  g_autofree char *killed = NULL;

  shell = tandem_terminal_format_exit (W_EXITCODE (3, 0), FALSE, G_USEC_PER_SEC);
  g_assert_cmpstr (shell, ==, "The shell exited with code 3");

  command = tandem_terminal_format_exit (W_EXITCODE (0, 0), TRUE, 1234567);
  g_assert_cmpstr (command, ==, "Exited with status 0 after 1.2 s");

  killed = tandem_terminal_format_exit (W_EXITCODE (0, 9), TRUE, 2 * G_USEC_PER_SEC);
  g_assert_true (g_str_has_prefix (killed, "Stopped by signal 9"));
  g_assert_true (g_str_has_suffix (killed, "after 2.0 s"));
}

int
main (int   argc,
      char *argv[])
{
  tandem_test_init (&argc, &argv);

  g_test_add_func ("/terminal-utils/host-argv", test_host_argv);
  g_test_add_func ("/terminal-utils/host-argv-minimal", test_host_argv_minimal);
  g_test_add_func ("/terminal-utils/environ", test_environ);
  g_test_add_func ("/terminal-utils/passwd-shell", test_passwd_shell);
  g_test_add_func ("/terminal-utils/references", test_references);
  g_test_add_func ("/terminal-utils/exit-messages", test_exit_messages);

  return g_test_run ();
}
