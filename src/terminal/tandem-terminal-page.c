/* tandem-terminal-page.c
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

#define G_LOG_DOMAIN "tandem-terminal-page"

/* posix_openpt(), ptsname_r() */
#define _GNU_SOURCE

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/types.h>
#include <unistd.h>

#define PCRE2_CODE_UNIT_WIDTH 0
#include <pcre2.h>

#include <glib/gi18n.h>
#include <adwaita.h>

#include "tandem-font.h"
#include "tandem-terminal-page.h"
#include "tandem-terminal-utils.h"

/* A shell that ends sooner than this after starting "died at once". */
#define QUICK_DEATH_USEC      (G_USEC_PER_SEC)
/* Time a stopped command gets between SIGINT and SIGKILL. */
#define STOP_GRACE_MS         2000

struct _TandemTerminalPage
{
  GtkWidget            parent_instance;

  /* owned */
  GFile               *directory;
  char                *command;
  GSettings           *settings;
  GSettings           *desktop_settings;
  GCancellable        *cancellable;
  GtkWidget           *context_popover;
  char                *context_match;

  /* template children */
  GtkBox              *box;
  GtkRevealer         *banner_revealer;
  GtkLabel            *banner_label;
  GtkButton           *banner_button;
  GtkRevealer         *search_revealer;
  GtkSearchEntry      *search_entry;
  GtkScrolledWindow   *scroller;
  VteTerminal         *terminal;
  GMenuModel          *context_menu;

  GPid                 pid;
  gint64               started_at;
  gint64               ended_at;
  int                  wait_status;
  int                  url_tag;
  int                  reference_tag;
  int                  context_tag;
  guint                kill_source;
  guint                quick_deaths;
  TandemTerminalState  state;

  guint                stopping : 1;
};

enum {
  PROP_0,
  PROP_DIRECTORY,
  PROP_COMMAND,
  PROP_STATE,
  N_PROPS
};

enum {
  OPEN_FILE,
  EXITED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (TandemTerminalPage, tandem_terminal_page, GTK_TYPE_WIDGET)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Our own palettes, readable on the light and the dark Adwaita backgrounds. */
static const char * const light_palette[] = {
  "#241f31", "#c01c28", "#26a269", "#a2734c", "#1a5fb4", "#813d9c", "#0f7b8a", "#9a9996",
  "#5e5c64", "#e01b24", "#2ec27e", "#c88800", "#3584e4", "#9141ac", "#1c9fb4", "#deddda",
};
static const char * const dark_palette[] = {
  "#241f31", "#ed333b", "#57e389", "#f8e45c", "#62a0ea", "#c061cb", "#5bc8af", "#deddda",
  "#77767b", "#f66151", "#8ff0a4", "#f9f06b", "#99c1f1", "#dc8add", "#93ddc2", "#ffffff",
};
#define LIGHT_FOREGROUND "#1e1e1e"
#define LIGHT_BACKGROUND "#ffffff"
#define DARK_FOREGROUND  "#ffffff"
#define DARK_BACKGROUND  "#1e1e1e"

static void
tandem_terminal_page_set_state (TandemTerminalPage  *self,
                                TandemTerminalState  state)
{
  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
tandem_terminal_page_show_banner (TandemTerminalPage *self,
                                  const char         *message,
                                  const char         *button_label)
{
  gtk_label_set_text (self->banner_label, message);
  gtk_button_set_label (self->banner_button, button_label);
  gtk_revealer_set_reveal_child (self->banner_revealer, TRUE);
}

static void
tandem_terminal_page_update_colors (TandemTerminalPage *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  gboolean dark = adw_style_manager_get_dark (manager);
  const char * const *names = dark ? dark_palette : light_palette;
  GdkRGBA palette[16];
  GdkRGBA foreground, background;

  g_assert (TANDEM_IS_TERMINAL_PAGE (self));

  for (guint i = 0; i < G_N_ELEMENTS (palette); i++)
    gdk_rgba_parse (&palette[i], names[i]);
  gdk_rgba_parse (&foreground, dark ? DARK_FOREGROUND : LIGHT_FOREGROUND);
  gdk_rgba_parse (&background, dark ? DARK_BACKGROUND : LIGHT_BACKGROUND);

  vte_terminal_set_colors (self->terminal, &foreground, &background, palette, G_N_ELEMENTS (palette));
}

static void
tandem_terminal_page_dark_changed_cb (TandemTerminalPage *self,
                                      GParamSpec         *pspec,
                                      AdwStyleManager    *manager)
{
  g_assert (TANDEM_IS_TERMINAL_PAGE (self));

  tandem_terminal_page_update_colors (self);
}

static void
tandem_terminal_page_update_font (TandemTerminalPage *self)
{
  g_autoptr(PangoFontDescription) desc = NULL;
  g_autofree char *font = NULL;

  g_assert (TANDEM_IS_TERMINAL_PAGE (self));

  font = tandem_font_dup_monospace (self->settings, self->desktop_settings);

  desc = pango_font_description_from_string (font);
  vte_terminal_set_font (self->terminal, desc);
}

static void
tandem_terminal_page_settings_changed_cb (TandemTerminalPage *self,
                                          const char         *key,
                                          GSettings          *settings)
{
  g_assert (TANDEM_IS_TERMINAL_PAGE (self));

  if (g_strcmp0 (key, "use-system-font") == 0 ||
      g_strcmp0 (key, "custom-font") == 0 ||
      g_strcmp0 (key, TANDEM_SYSTEM_FONT_KEY) == 0)
    tandem_terminal_page_update_font (self);
}

static void
tandem_terminal_page_report_failure (TandemTerminalPage *self,
                                     const GError       *error)
{
  g_autofree char *message = NULL;

  if (self->command != NULL)
    /* Translators: %s is the reason */
    message = g_strdup_printf (_("The command could not be started: %s"), error->message);
  else
    message = g_strdup_printf (_("The shell could not be started: %s"), error->message);

  self->pid = 0;
  tandem_terminal_page_set_state (self, TANDEM_TERMINAL_STATE_FAILED);
  tandem_terminal_page_show_banner (self, message, self->command ? _("_Run Again") : _("_Restart"));
}

/* Called with a strong ref: the page may have been disposed meanwhile. */
static void
tandem_terminal_page_started (TandemTerminalPage *self,
                              GPid                pid)
{
  if (self->terminal == NULL)
    {
      /* Disposed while starting: nobody will read this terminal. */
      kill (-pid, SIGKILL);
      g_child_watch_add (pid, (GChildWatchFunc)g_spawn_close_pid, NULL);
      return;
    }

  self->pid = pid;
  vte_terminal_watch_child (self->terminal, pid);
  tandem_terminal_page_set_state (self, TANDEM_TERMINAL_STATE_RUNNING);
}

static void
tandem_terminal_page_spawn_cb (GObject      *object,
                               GAsyncResult *result,
                               gpointer      user_data)
{
  g_autoptr(TandemTerminalPage) self = user_data;
  g_autoptr(GError) error = NULL;
  GPid pid = 0;

  if (!vte_pty_spawn_finish (VTE_PTY (object), result, &pid, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && self->terminal != NULL)
        tandem_terminal_page_report_failure (self, error);
      return;
    }

  tandem_terminal_page_started (self, pid);
}

static char **
tandem_terminal_page_build_argv (TandemTerminalPage *self,
                                 const char         *shell)
{
  if (self->command != NULL)
    {
      const char * const argv[] = { "sh", "-c", self->command, NULL };
      return g_strdupv ((char **)argv);
    }
  else
    {
      const char * const argv[] = { shell, NULL };
      return g_strdupv ((char **)argv);
    }
}

static void
tandem_terminal_page_spawn_local (TandemTerminalPage *self)
{
  g_autoptr(VtePty) pty = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *preferred = NULL;
  g_autofree char *shell = NULL;
  g_autofree char *directory = NULL;
  g_auto(GStrv) argv = NULL;
  g_auto(GStrv) env = NULL;

  /* The PTY first, then the terminal gets it, then the child is spawned on it. */
  pty = vte_pty_new_sync (VTE_PTY_DEFAULT, self->cancellable, &error);
  if (pty == NULL)
    {
      tandem_terminal_page_report_failure (self, error);
      return;
    }
  vte_terminal_set_pty (self->terminal, pty);

  preferred = g_settings_get_string (self->settings, "terminal-shell");
  shell = tandem_terminal_dup_local_shell (preferred);
  argv = tandem_terminal_page_build_argv (self, shell);
  env = tandem_terminal_build_environ (NULL);
  directory = g_file_get_path (self->directory);

  vte_pty_spawn_async (pty, directory, argv, env,
                       G_SPAWN_SEARCH_PATH_FROM_ENVP,
                       NULL, NULL, NULL,
                       -1, self->cancellable,
                       tandem_terminal_page_spawn_cb, g_object_ref (self));
}

/* Inside Flatpak: our own PTY pair, the master wrapped for VTE, the peer given as stdio
 * to flatpak-spawn, which hands it to the process it starts on the host. */
static void
tandem_terminal_page_spawn_host (TandemTerminalPage *self,
                                 const char         *shell)
{
  g_autoptr(VtePty) pty = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *directory = NULL;
  g_auto(GStrv) argv = NULL;
  g_auto(GStrv) host_argv = NULL;
  const char * const host_env[] = { "TERM=xterm-256color", "COLORTERM=truecolor",
                                    "TERM_PROGRAM=tandem", NULL };
  const int stdio_fds[] = { 0, 1, 2 };
  char peer_name[256];
  int master = -1;
  int peer = -1;
  GPid pid = 0;

  master = posix_openpt (O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (master < 0 || grantpt (master) != 0 || unlockpt (master) != 0 ||
      ptsname_r (master, peer_name, sizeof peer_name) != 0 ||
      (peer = open (peer_name, O_RDWR | O_NOCTTY | O_CLOEXEC)) < 0)
    {
      int saved_errno = errno;

      if (master >= 0)
        close (master);
      g_set_error_literal (&error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                           g_strerror (saved_errno));
      tandem_terminal_page_report_failure (self, error);
      return;
    }

  pty = vte_pty_new_foreign_sync (master, self->cancellable, &error);
  if (pty == NULL)
    {
      close (master);
      close (peer);
      tandem_terminal_page_report_failure (self, error);
      return;
    }
  vte_terminal_set_pty (self->terminal, pty);

  directory = g_file_get_path (self->directory);
  if (self->command != NULL)
    argv = tandem_terminal_page_build_argv (self, NULL);
  else
    {
      const char * const login[] = { shell, "-l", NULL };
      argv = g_strdupv ((char **)login);
    }
  host_argv = tandem_terminal_build_host_argv ((const char * const *)argv, directory, host_env,
                                               stdio_fds, G_N_ELEMENTS (stdio_fds));

  if (!g_spawn_async_with_pipes_and_fds (NULL, (const char * const *)host_argv, NULL,
                                         G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD,
                                         NULL, NULL,
                                         peer, peer, peer,
                                         NULL, NULL, 0,
                                         &pid, NULL, NULL, NULL, &error))
    {
      close (peer);
      tandem_terminal_page_report_failure (self, error);
      return;
    }

  close (peer);
  tandem_terminal_page_started (self, pid);
}

static void
tandem_terminal_page_host_shell_cb (GObject      *object,
                                    GAsyncResult *result,
                                    gpointer      user_data)
{
  g_autoptr(TandemTerminalPage) self = user_data;
  g_autofree char *shell = NULL;

  shell = tandem_terminal_find_host_shell_finish (result, NULL);
  if (shell == NULL || self->terminal == NULL)
    return;

  tandem_terminal_page_spawn_host (self, shell);
}

/**
 * tandem_terminal_page_spawn:
 *
 * Starts the shell (or the command) of the page. Does nothing while one runs.
 */
void
tandem_terminal_page_spawn (TandemTerminalPage *self)
{
  g_return_if_fail (TANDEM_IS_TERMINAL_PAGE (self));

  if (self->state == TANDEM_TERMINAL_STATE_RUNNING || self->terminal == NULL)
    return;

  g_clear_handle_id (&self->kill_source, g_source_remove);
  self->stopping = FALSE;
  self->pid = 0;
  /* The duration a user sees counts from pressing Run, not from when exec returned. */
  self->started_at = g_get_monotonic_time ();
  self->ended_at = 0;
  gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
  tandem_terminal_page_set_state (self, TANDEM_TERMINAL_STATE_INITIAL);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  if (tandem_terminal_in_flatpak ())
    {
      if (self->command != NULL)
        tandem_terminal_page_spawn_host (self, NULL);
      else
        tandem_terminal_find_host_shell_async (self->cancellable,
                                               tandem_terminal_page_host_shell_cb,
                                               g_object_ref (self));
    }
  else
    tandem_terminal_page_spawn_local (self);
}

static gboolean
tandem_terminal_page_kill_cb (gpointer user_data)
{
  TandemTerminalPage *self = user_data;

  self->kill_source = 0;
  if (self->pid > 0)
    kill (-self->pid, SIGKILL);

  return G_SOURCE_REMOVE;
}

/**
 * tandem_terminal_page_stop:
 *
 * Interrupts the process group of the page (SIGINT), and kills it (SIGKILL) when it is
 * still there after a grace period.
 */
void
tandem_terminal_page_stop (TandemTerminalPage *self)
{
  g_return_if_fail (TANDEM_IS_TERMINAL_PAGE (self));

  if (self->state != TANDEM_TERMINAL_STATE_RUNNING || self->pid <= 0 || self->stopping)
    return;

  self->stopping = TRUE;
  /* The child is a session and process group leader (setsid in the PTY set-up). */
  kill (-self->pid, SIGINT);
  self->kill_source = g_timeout_add (STOP_GRACE_MS, tandem_terminal_page_kill_cb, self);
}

static void
tandem_terminal_page_child_exited_cb (TandemTerminalPage *self,
                                      int                 status,
                                      VteTerminal        *terminal)
{
  g_autofree char *message = NULL;
  gint64 duration;
  GPid pgid;

  g_assert (TANDEM_IS_TERMINAL_PAGE (self));

  /* The terminal reports its child while it is being destroyed with the page. */
  if (self->banner_label == NULL)
    return;

  pgid = self->pid;
  self->ended_at = g_get_monotonic_time ();
  self->wait_status = status;
  self->pid = 0;
  g_clear_handle_id (&self->kill_source, g_source_remove);
  duration = self->ended_at - self->started_at;

  /* What the leader left behind in its group goes with it when it was stopped. */
  if (self->stopping && pgid > 0)
    kill (-pgid, SIGKILL);
  self->stopping = FALSE;

  tandem_terminal_page_set_state (self, TANDEM_TERMINAL_STATE_EXITED);

  if (self->command != NULL)
    {
      message = tandem_terminal_format_exit (status, TRUE, duration);
      tandem_terminal_page_show_banner (self, message, _("_Run Again"));
      g_signal_emit (self, signals[EXITED], 0, status);
      return;
    }

  if (duration < QUICK_DEATH_USEC)
    self->quick_deaths++;
  else
    self->quick_deaths = 0;

  g_signal_emit (self, signals[EXITED], 0, status);

  if (self->quick_deaths == 1)
    {
      /* Once may be bad luck; twice in a row is a broken shell: stop there. */
      tandem_terminal_page_spawn (self);
      return;
    }

  if (self->quick_deaths >= 2)
    {
      g_autofree char *exit_text = tandem_terminal_format_exit (status, FALSE, duration);

      /* Translators: %s is e.g. "The shell exited with code 1" */
      message = g_strdup_printf (_("%s right after starting, twice in a row. It is not restarted automatically."),
                                 exit_text);
    }
  else
    message = tandem_terminal_format_exit (status, FALSE, duration);

  tandem_terminal_page_show_banner (self, message, _("_Restart"));
}

static void
term_restart_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  TandemTerminalPage *self = TANDEM_TERMINAL_PAGE (widget);

  self->quick_deaths = 0;
  if (self->terminal != NULL)
    vte_terminal_feed (self->terminal, "\r\n", 2);
  tandem_terminal_page_spawn (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->terminal));
}

static void
term_copy_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  TandemTerminalPage *self = TANDEM_TERMINAL_PAGE (widget);

  if (vte_terminal_get_has_selection (self->terminal))
    vte_terminal_copy_clipboard_format (self->terminal, VTE_FORMAT_TEXT);
}

static void
term_paste_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  vte_terminal_paste_clipboard (TANDEM_TERMINAL_PAGE (widget)->terminal);
}

static void
term_select_all_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  vte_terminal_select_all (TANDEM_TERMINAL_PAGE (widget)->terminal);
}

static void
term_search_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  tandem_terminal_page_show_search (TANDEM_TERMINAL_PAGE (widget));
}

static void
term_hide_search_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  TandemTerminalPage *self = TANDEM_TERMINAL_PAGE (widget);

  gtk_revealer_set_reveal_child (self->search_revealer, FALSE);
  vte_terminal_search_set_regex (self->terminal, NULL, 0);
  gtk_widget_grab_focus (GTK_WIDGET (self->terminal));
}

static void
term_search_step_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  TandemTerminalPage *self = TANDEM_TERMINAL_PAGE (widget);

  /* Older output is above: "previous" goes up. */
  if (g_str_equal (action_name, "term.search-next"))
    vte_terminal_search_find_next (self->terminal);
  else
    vte_terminal_search_find_previous (self->terminal);
}

static void
tandem_terminal_page_search_changed_cb (TandemTerminalPage *self,
                                        GtkSearchEntry     *entry)
{
  g_autoptr(VteRegex) regex = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *lower = NULL;
  const char *text;
  guint32 flags = PCRE2_UTF | PCRE2_MULTILINE;

  g_assert (TANDEM_IS_TERMINAL_PAGE (self));

  text = gtk_editable_get_text (GTK_EDITABLE (entry));
  if (text[0] == '\0')
    {
      vte_terminal_search_set_regex (self->terminal, NULL, 0);
      return;
    }

  /* Smart case, as in the editor's search: lower case text matches any case. */
  lower = g_utf8_strdown (text, -1);
  if (g_strcmp0 (lower, text) == 0)
    flags |= PCRE2_CASELESS;

  escaped = g_regex_escape_string (text, -1);
  regex = vte_regex_new_for_search (escaped, -1, flags, NULL);
  vte_terminal_search_set_regex (self->terminal, regex, 0);
  vte_terminal_search_set_wrap_around (self->terminal, TRUE);
  vte_terminal_search_find_previous (self->terminal);
}

static void
tandem_terminal_page_stop_search_cb (TandemTerminalPage *self,
                                     GtkSearchEntry     *entry)
{
  g_assert (TANDEM_IS_TERMINAL_PAGE (self));

  gtk_widget_activate_action (GTK_WIDGET (self), "term.hide-search", NULL);
}

static void
tandem_terminal_page_search_activate_cb (TandemTerminalPage *self,
                                         GtkSearchEntry     *entry)
{
  g_assert (TANDEM_IS_TERMINAL_PAGE (self));

  vte_terminal_search_find_previous (self->terminal);
}

/**
 * tandem_terminal_page_show_search:
 *
 * Shows the search bar of the page and focuses it.
 */
void
tandem_terminal_page_show_search (TandemTerminalPage *self)
{
  g_return_if_fail (TANDEM_IS_TERMINAL_PAGE (self));

  gtk_revealer_set_reveal_child (self->search_revealer, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/**
 * tandem_terminal_page_dup_cwd:
 *
 * Returns: (transfer full): the shell's current folder as it reported it (OSC 7), else
 *   the folder the page started in
 */
GFile *
tandem_terminal_page_dup_cwd (TandemTerminalPage *self)
{
  const char *uri;

  g_return_val_if_fail (TANDEM_IS_TERMINAL_PAGE (self), NULL);

  uri = self->terminal ? vte_terminal_get_current_directory_uri (self->terminal) : NULL;
  if (uri != NULL && g_str_has_prefix (uri, "file://"))
    return g_file_new_for_uri (uri);

  return g_object_ref (self->directory);
}

typedef struct
{
  GWeakRef  page;
  GFile    *file;
  int       line;
  int       column;
} ReferenceState;

static void
reference_state_free (ReferenceState *state)
{
  g_weak_ref_clear (&state->page);
  g_clear_object (&state->file);
  g_free (state);
}

static void
tandem_terminal_page_toast (TandemTerminalPage *self,
                            const char         *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
  else
    tandem_terminal_page_show_banner (self, message, NULL);
}

static void
tandem_terminal_page_reference_info_cb (GObject      *object,
                                        GAsyncResult *result,
                                        gpointer      user_data)
{
  ReferenceState *state = user_data;
  g_autoptr(TandemTerminalPage) self = g_weak_ref_get (&state->page);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  info = g_file_query_info_finish (G_FILE (object), result, &error);

  if (self != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (info != NULL && g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR)
        g_signal_emit (self, signals[OPEN_FILE], 0, state->file,
                       state->line - 1, MAX (state->column - 1, 0));
      else
        {
          g_autofree char *name = g_file_get_parse_name (state->file);
          g_autofree char *message = NULL;

          /* Translators: %s is a file path */
          message = g_strdup_printf (_("There is no file “%s”"), name);
          tandem_terminal_page_toast (self, message);
        }
    }

  reference_state_free (state);
}

/**
 * tandem_terminal_page_open_reference:
 * @text: text that holds a `path:line[:column]` reference
 *
 * Resolves the path in @text against the terminal's current folder and, when it names a
 * file, emits #TandemTerminalPage::open-file.
 */
void
tandem_terminal_page_open_reference (TandemTerminalPage *self,
                                     const char         *text)
{
  g_autofree char *path = NULL;
  g_autoptr(GFile) cwd = NULL;
  ReferenceState *state;
  int line, column;

  g_return_if_fail (TANDEM_IS_TERMINAL_PAGE (self));
  g_return_if_fail (text != NULL);

  if (!tandem_terminal_parse_reference (text, &path, &line, &column))
    return;

  state = g_new0 (ReferenceState, 1);
  g_weak_ref_init (&state->page, self);
  state->line = line;
  state->column = column;

  if (g_str_has_prefix (path, "~/"))
    state->file = g_file_new_build_filename (g_get_home_dir (), path + 2, NULL);
  else if (g_path_is_absolute (path))
    state->file = g_file_new_for_path (path);
  else
    {
      cwd = tandem_terminal_page_dup_cwd (self);
      state->file = g_file_resolve_relative_path (cwd, path);
    }

  g_file_query_info_async (state->file, G_FILE_ATTRIBUTE_STANDARD_TYPE, G_FILE_QUERY_INFO_NONE,
                           G_PRIORITY_DEFAULT, self->cancellable,
                           tandem_terminal_page_reference_info_cb, state);
}

static void
tandem_terminal_page_activate_match (TandemTerminalPage *self,
                                     const char         *match,
                                     int                 tag)
{
  g_assert (TANDEM_IS_TERMINAL_PAGE (self));

  if (match == NULL)
    return;

  if (tag == self->url_tag)
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

      gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, match, GDK_CURRENT_TIME);
    }
  else if (tag == self->reference_tag)
    tandem_terminal_page_open_reference (self, match);
}

static void
term_open_link_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  TandemTerminalPage *self = TANDEM_TERMINAL_PAGE (widget);

  tandem_terminal_page_activate_match (self, self->context_match, self->context_tag);
}

static void
term_copy_link_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  TandemTerminalPage *self = TANDEM_TERMINAL_PAGE (widget);

  if (self->context_match != NULL)
    gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), self->context_match);
}

static void
tandem_terminal_page_click_pressed_cb (TandemTerminalPage *self,
                                       int                 n_press,
                                       double              x,
                                       double              y,
                                       GtkGestureClick    *gesture)
{
  GdkModifierType state;
  guint button;
  int tag = -1;
  g_autofree char *match = NULL;

  g_assert (TANDEM_IS_TERMINAL_PAGE (self));

  button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));
  state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  match = vte_terminal_check_match_at (self->terminal, x, y, &tag);

  if (button == GDK_BUTTON_PRIMARY && n_press == 1 && (state & GDK_CONTROL_MASK) && match != NULL)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      tandem_terminal_page_activate_match (self, match, tag);
      return;
    }

  if (button == GDK_BUTTON_SECONDARY && n_press == 1)
    {
      GdkRectangle rect = { (int)x, (int)y, 1, 1 };
      graphene_point_t point;

      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);

      g_free (self->context_match);
      self->context_match = g_steal_pointer (&match);
      self->context_tag = tag;
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "term.open-link", self->context_match != NULL);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "term.copy-link", self->context_match != NULL);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "term.copy",
                                     vte_terminal_get_has_selection (self->terminal));

      if (gtk_widget_compute_point (GTK_WIDGET (self->terminal), GTK_WIDGET (self),
                                    &GRAPHENE_POINT_INIT ((float)x, (float)y), &point))
        {
          rect.x = (int)point.x;
          rect.y = (int)point.y;
        }
      gtk_popover_set_pointing_to (GTK_POPOVER (self->context_popover), &rect);
      gtk_popover_popup (GTK_POPOVER (self->context_popover));
    }
}

static void
tandem_terminal_page_add_matches (TandemTerminalPage *self)
{
  g_autoptr(VteRegex) url = NULL;
  g_autoptr(VteRegex) reference = NULL;
  g_autoptr(GError) error = NULL;

  url = vte_regex_new_for_match (tandem_terminal_get_url_pattern (), -1,
                                 PCRE2_UTF | PCRE2_MULTILINE | PCRE2_UCP, &error);
  if (url == NULL)
    g_warning ("The URL pattern does not compile: %s", error->message);
  else
    {
      self->url_tag = vte_terminal_match_add_regex (self->terminal, url, 0);
      vte_terminal_match_set_cursor_name (self->terminal, self->url_tag, "pointer");
    }

  g_clear_error (&error);
  reference = vte_regex_new_for_match (tandem_terminal_get_reference_pattern (), -1,
                                       PCRE2_UTF | PCRE2_MULTILINE | PCRE2_UCP, &error);
  if (reference == NULL)
    g_warning ("The file reference pattern does not compile: %s", error->message);
  else
    {
      self->reference_tag = vte_terminal_match_add_regex (self->terminal, reference, 0);
      vte_terminal_match_set_cursor_name (self->terminal, self->reference_tag, "pointer");
    }
}

static void
tandem_terminal_page_constructed (GObject *object)
{
  TandemTerminalPage *self = TANDEM_TERMINAL_PAGE (object);

  G_OBJECT_CLASS (tandem_terminal_page_parent_class)->constructed (object);

  if (self->directory == NULL)
    self->directory = g_file_new_for_path (g_get_home_dir ());

  if (self->command != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self), "run");

  tandem_terminal_page_spawn (self);
}

/**
 * tandem_terminal_page_dup_text:
 *
 * Returns: (transfer full): the text on the terminal's screen and in its scrollback
 */
char *
tandem_terminal_page_dup_text (TandemTerminalPage *self)
{
  glong column, row;

  g_return_val_if_fail (TANDEM_IS_TERMINAL_PAGE (self), NULL);

  /* Rows count from the start of the output, so this spans the scrollback too. */
  vte_terminal_get_cursor_position (self->terminal, &column, &row);
  return vte_terminal_get_text_range (self->terminal, 0, 0, row,
                                      vte_terminal_get_column_count (self->terminal) - 1,
                                      NULL, NULL, NULL);
}

/**
 * tandem_terminal_page_dup_banner_text:
 *
 * Returns: (transfer full) (nullable): the message the page shows about its process
 */
char *
tandem_terminal_page_dup_banner_text (TandemTerminalPage *self)
{
  g_return_val_if_fail (TANDEM_IS_TERMINAL_PAGE (self), NULL);

  if (!gtk_revealer_get_reveal_child (self->banner_revealer))
    return NULL;

  return g_strdup (gtk_label_get_text (self->banner_label));
}

VteTerminal *
tandem_terminal_page_get_terminal (TandemTerminalPage *self)
{
  g_return_val_if_fail (TANDEM_IS_TERMINAL_PAGE (self), NULL);

  return self->terminal;
}

GFile *
tandem_terminal_page_get_directory (TandemTerminalPage *self)
{
  g_return_val_if_fail (TANDEM_IS_TERMINAL_PAGE (self), NULL);

  return self->directory;
}

const char *
tandem_terminal_page_get_command (TandemTerminalPage *self)
{
  g_return_val_if_fail (TANDEM_IS_TERMINAL_PAGE (self), NULL);

  return self->command;
}

/**
 * tandem_terminal_page_set_command:
 * @command: the new command of a Run page
 *
 * Takes effect at the next tandem_terminal_page_spawn().
 */
void
tandem_terminal_page_set_command (TandemTerminalPage *self,
                                  const char         *command)
{
  g_return_if_fail (TANDEM_IS_TERMINAL_PAGE (self));
  g_return_if_fail (self->command != NULL && command != NULL);

  if (g_strcmp0 (self->command, command) == 0)
    return;

  g_free (self->command);
  self->command = g_strdup (command);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMMAND]);
}

TandemTerminalState
tandem_terminal_page_get_state (TandemTerminalPage *self)
{
  g_return_val_if_fail (TANDEM_IS_TERMINAL_PAGE (self), TANDEM_TERMINAL_STATE_INITIAL);

  return self->state;
}

GPid
tandem_terminal_page_get_pid (TandemTerminalPage *self)
{
  g_return_val_if_fail (TANDEM_IS_TERMINAL_PAGE (self), 0);

  return self->pid;
}

/**
 * tandem_terminal_page_get_wait_status:
 *
 * Returns: the status of the last process that ended, as waitpid() gives it
 */
int
tandem_terminal_page_get_wait_status (TandemTerminalPage *self)
{
  g_return_val_if_fail (TANDEM_IS_TERMINAL_PAGE (self), 0);

  return self->wait_status;
}

/**
 * tandem_terminal_page_get_duration:
 *
 * Returns: how long the last process ran, in microseconds
 */
gint64
tandem_terminal_page_get_duration (TandemTerminalPage *self)
{
  g_return_val_if_fail (TANDEM_IS_TERMINAL_PAGE (self), 0);

  if (self->started_at == 0)
    return 0;
  if (self->ended_at == 0)
    return g_get_monotonic_time () - self->started_at;
  return self->ended_at - self->started_at;
}

static void
tandem_terminal_page_dispose (GObject *object)
{
  TandemTerminalPage *self = TANDEM_TERMINAL_PAGE (object);
  VteTerminal *terminal = self->terminal;
  GPid pid;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->kill_source, g_source_remove);

  if (self->desktop_settings != NULL)
    g_signal_handlers_disconnect_by_data (self->desktop_settings, self);
  g_clear_pointer (&self->context_popover, gtk_widget_unparent);

  if (terminal != NULL)
    {
      g_object_ref (terminal);
      g_signal_handlers_disconnect_by_data (terminal, self);
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), TANDEM_TYPE_TERMINAL_PAGE);
  self->terminal = NULL;

  pid = self->pid;
  self->pid = 0;
  if (pid > 0)
    {
      /* Nobody reads this terminal any more: end what runs in it. */
      kill (-pid, SIGHUP);
      kill (-pid, SIGCONT);
    }

  if (terminal != NULL)
    {
      g_object_add_weak_pointer (G_OBJECT (terminal), (gpointer *)&terminal);
      g_object_unref (terminal);
      if (terminal != NULL)
        {
          /* Still alive somewhere: it keeps watching (and reaping) its child. */
          g_object_remove_weak_pointer (G_OBJECT (terminal), (gpointer *)&terminal);
          pid = 0;
        }
    }

  if (pid > 0)
    g_child_watch_add (pid, (GChildWatchFunc)g_spawn_close_pid, NULL);

  G_OBJECT_CLASS (tandem_terminal_page_parent_class)->dispose (object);
}

static void
tandem_terminal_page_finalize (GObject *object)
{
  TandemTerminalPage *self = TANDEM_TERMINAL_PAGE (object);

  g_clear_object (&self->directory);
  g_clear_object (&self->settings);
  g_clear_object (&self->desktop_settings);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->command, g_free);
  g_clear_pointer (&self->context_match, g_free);

  G_OBJECT_CLASS (tandem_terminal_page_parent_class)->finalize (object);
}

static void
tandem_terminal_page_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  TandemTerminalPage *self = TANDEM_TERMINAL_PAGE (object);

  switch (prop_id)
    {
    case PROP_DIRECTORY:
      g_value_set_object (value, self->directory);
      break;

    case PROP_COMMAND:
      g_value_set_string (value, self->command);
      break;

    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_terminal_page_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  TandemTerminalPage *self = TANDEM_TERMINAL_PAGE (object);

  switch (prop_id)
    {
    case PROP_DIRECTORY:
      self->directory = g_value_dup_object (value);
      break;

    case PROP_COMMAND:
      self->command = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
tandem_terminal_page_grab_focus (GtkWidget *widget)
{
  TandemTerminalPage *self = TANDEM_TERMINAL_PAGE (widget);

  if (self->terminal == NULL)
    return FALSE;
  return gtk_widget_grab_focus (GTK_WIDGET (self->terminal));
}

static void
tandem_terminal_page_class_init (TandemTerminalPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = tandem_terminal_page_constructed;
  object_class->dispose = tandem_terminal_page_dispose;
  object_class->finalize = tandem_terminal_page_finalize;
  object_class->get_property = tandem_terminal_page_get_property;
  object_class->set_property = tandem_terminal_page_set_property;
  widget_class->grab_focus = tandem_terminal_page_grab_focus;

  properties[PROP_DIRECTORY] =
    g_param_spec_object ("directory", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COMMAND] =
    g_param_spec_string ("command", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL,
                      TANDEM_TERMINAL_STATE_INITIAL, TANDEM_TERMINAL_STATE_FAILED,
                      TANDEM_TERMINAL_STATE_INITIAL,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TandemTerminalPage::open-file:
   * @file: the file a reference in the terminal names
   * @line: the 0-based line
   * @column: the 0-based column
   */
  signals[OPEN_FILE] =
    g_signal_new ("open-file",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_FILE, G_TYPE_INT, G_TYPE_INT);

  /**
   * TandemTerminalPage::exited:
   * @status: the wait status of the process that ended
   */
  signals[EXITED] =
    g_signal_new ("exited",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "terminalpage");

  g_type_ensure (VTE_TYPE_TERMINAL);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tandemide/Tandem/terminal/tandem-terminal-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TandemTerminalPage, box);
  gtk_widget_class_bind_template_child (widget_class, TandemTerminalPage, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, TandemTerminalPage, banner_label);
  gtk_widget_class_bind_template_child (widget_class, TandemTerminalPage, banner_button);
  gtk_widget_class_bind_template_child (widget_class, TandemTerminalPage, search_revealer);
  gtk_widget_class_bind_template_child (widget_class, TandemTerminalPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TandemTerminalPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, TandemTerminalPage, terminal);
  gtk_widget_class_bind_template_child (widget_class, TandemTerminalPage, context_menu);

  gtk_widget_class_install_action (widget_class, "term.restart", NULL, term_restart_action);
  gtk_widget_class_install_action (widget_class, "term.copy", NULL, term_copy_action);
  gtk_widget_class_install_action (widget_class, "term.paste", NULL, term_paste_action);
  gtk_widget_class_install_action (widget_class, "term.select-all", NULL, term_select_all_action);
  gtk_widget_class_install_action (widget_class, "term.search", NULL, term_search_action);
  gtk_widget_class_install_action (widget_class, "term.hide-search", NULL, term_hide_search_action);
  gtk_widget_class_install_action (widget_class, "term.search-next", NULL, term_search_step_action);
  gtk_widget_class_install_action (widget_class, "term.search-previous", NULL, term_search_step_action);
  gtk_widget_class_install_action (widget_class, "term.open-link", NULL, term_open_link_action);
  gtk_widget_class_install_action (widget_class, "term.copy-link", NULL, term_copy_link_action);
}

static void
tandem_terminal_page_add_shortcut (GtkShortcutController *controller,
                                   guint                  keyval,
                                   GdkModifierType        modifiers,
                                   const char            *action)
{
  gtk_shortcut_controller_add_shortcut (controller,
                                        gtk_shortcut_new (gtk_keyval_trigger_new (keyval, modifiers),
                                                          gtk_named_action_new (action)));
}

static void
tandem_terminal_page_init (TandemTerminalPage *self)
{
  GtkEventController *shortcuts;
  GtkGesture *click;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->url_tag = -1;
  self->reference_tag = -1;
  self->context_tag = -1;
  self->settings = g_settings_new (SCHEMA_ID);

  self->desktop_settings = tandem_font_new_desktop_settings ();
  if (self->desktop_settings != NULL)
    {
      g_signal_connect_object (self->desktop_settings, "changed::" TANDEM_SYSTEM_FONT_KEY,
                               G_CALLBACK (tandem_terminal_page_settings_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }

  g_signal_connect_object (self->settings, "changed",
                           G_CALLBACK (tandem_terminal_page_settings_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_settings_bind (self->settings, "terminal-scrollback-lines",
                   self->terminal, "scrollback-lines", G_SETTINGS_BIND_GET);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (tandem_terminal_page_dark_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "search-changed",
                           G_CALLBACK (tandem_terminal_page_search_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "activate",
                           G_CALLBACK (tandem_terminal_page_search_activate_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "stop-search",
                           G_CALLBACK (tandem_terminal_page_stop_search_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->terminal, "child-exited",
                           G_CALLBACK (tandem_terminal_page_child_exited_cb), self,
                           G_CONNECT_SWAPPED);

  vte_terminal_set_enable_fallback_scrolling (self->terminal, TRUE);
  tandem_terminal_page_update_colors (self);
  tandem_terminal_page_update_font (self);
  tandem_terminal_page_add_matches (self);

  /* Before the terminal sees the keys: it would send them to the shell otherwise. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  tandem_terminal_page_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), GDK_KEY_c,
                                     GDK_CONTROL_MASK | GDK_SHIFT_MASK, "term.copy");
  tandem_terminal_page_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), GDK_KEY_v,
                                     GDK_CONTROL_MASK | GDK_SHIFT_MASK, "term.paste");
  tandem_terminal_page_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), GDK_KEY_f,
                                     GDK_CONTROL_MASK | GDK_SHIFT_MASK, "term.search");
  tandem_terminal_page_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), GDK_KEY_a,
                                     GDK_CONTROL_MASK | GDK_SHIFT_MASK, "term.select-all");
  /* The window's own keys, which the terminal would swallow too. */
  tandem_terminal_page_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), GDK_KEY_grave,
                                     GDK_CONTROL_MASK, "win.toggle-terminal");
  tandem_terminal_page_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), GDK_KEY_t,
                                     GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.new-terminal");
  tandem_terminal_page_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), GDK_KEY_F5,
                                     0, "win.run");
  tandem_terminal_page_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), GDK_KEY_F5,
                                     GDK_SHIFT_MASK, "win.stop");
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), 0);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect_object (click, "pressed",
                           G_CALLBACK (tandem_terminal_page_click_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->terminal), GTK_EVENT_CONTROLLER (click));

  self->context_popover = gtk_popover_menu_new_from_model (self->context_menu);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->context_popover), FALSE);
  gtk_widget_set_halign (self->context_popover, GTK_ALIGN_START);
  gtk_widget_set_parent (self->context_popover, GTK_WIDGET (self));
}

/**
 * tandem_terminal_page_new:
 * @directory: (nullable): the folder to start in; the home folder when %NULL
 * @command: (nullable): a command to run with `sh -c` (a Run page), or %NULL for a shell
 *
 * Returns: (transfer floating): a new page whose process is starting
 */
TandemTerminalPage *
tandem_terminal_page_new (GFile      *directory,
                          const char *command)
{
  g_return_val_if_fail (directory == NULL || G_IS_FILE (directory), NULL);

  return g_object_new (TANDEM_TYPE_TERMINAL_PAGE,
                       "directory", directory,
                       "command", command,
                       NULL);
}
