/* tandem-terminal-panel.c
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

#define G_LOG_DOMAIN "tandem-terminal-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "tandem-run-config.h"
#include "tandem-terminal-panel.h"
#include "tandem-module.h"

struct _TandemTerminalPanel
{
  GtkWidget            parent_instance;

  /* owned */
  GFile               *root;
  GCancellable        *cancellable;
  AdwTabPage          *rename_target;

  /* template children */
  GtkBox              *box;
  AdwTabBar           *tab_bar;
  AdwTabView          *tab_view;
  GtkStack            *stack;
  GtkRevealer         *rename_revealer;
  GtkEntry            *rename_entry;
  GMenuModel          *tab_menu;

  /* borrowed: the tab view holds it */
  TandemTerminalPage  *run_page;
  AdwTabPage          *menu_page;

  guint                n_created;

  guint                running : 1;
  guint                restart_pending : 1;
  guint                mapped_once : 1;
};

enum {
  PROP_0,
  PROP_RUNNING,
  N_PROPS
};

enum {
  OPEN_FILE,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (TandemTerminalPanel, tandem_terminal_panel, GTK_TYPE_WIDGET)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void tandem_terminal_panel_start_run (TandemTerminalPanel *self,
                                             const char          *command);

static void
tandem_terminal_panel_toast (TandemTerminalPanel *self,
                             const char          *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
  else
    g_message ("%s", message);
}

static GtkWindow *
tandem_terminal_panel_get_window (TandemTerminalPanel *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
tandem_terminal_panel_update_running (TandemTerminalPanel *self)
{
  gboolean running;

  running = self->run_page != NULL &&
            tandem_terminal_page_get_state (self->run_page) == TANDEM_TERMINAL_STATE_RUNNING;
  if (running == self->running)
    return;

  self->running = running;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static void
tandem_terminal_panel_page_open_file_cb (TandemTerminalPanel *self,
                                         GFile               *file,
                                         int                  line,
                                         int                  column,
                                         TandemTerminalPage  *page)
{
  g_assert (TANDEM_IS_TERMINAL_PANEL (self));
  g_assert (G_IS_FILE (file));

  g_signal_emit (self, signals[OPEN_FILE], 0, file, line, column);
}

static void
tandem_terminal_panel_page_state_cb (TandemTerminalPanel *self,
                                     GParamSpec          *pspec,
                                     TandemTerminalPage  *page)
{
  AdwTabPage *tab;

  g_assert (TANDEM_IS_TERMINAL_PANEL (self));

  /* A still icon, not the loading spinner: an animation that runs as long as the
   * program does keeps a slow (software) renderer drawing frames back to back, and the
   * terminal's own output, read at idle priority, would never be shown. */
  tab = adw_tab_view_get_page (self->tab_view, GTK_WIDGET (page));
  if (tab != NULL)
    {
      gboolean running = page == self->run_page &&
                         tandem_terminal_page_get_state (page) == TANDEM_TERMINAL_STATE_RUNNING;
      g_autoptr(GIcon) icon = running ? g_themed_icon_new ("media-playback-start-symbolic") : NULL;

      adw_tab_page_set_indicator_icon (tab, icon);
      adw_tab_page_set_indicator_tooltip (tab, running ? _("Running") : "");
    }

  if (page == self->run_page)
    tandem_terminal_panel_update_running (self);
}

static void
tandem_terminal_panel_page_exited_cb (TandemTerminalPanel *self,
                                      int                  status,
                                      TandemTerminalPage  *page)
{
  g_assert (TANDEM_IS_TERMINAL_PANEL (self));

  if (page == self->run_page && self->restart_pending)
    {
      self->restart_pending = FALSE;
      tandem_terminal_panel_run (GTK_WIDGET (self));
    }
}

static AdwTabPage *
tandem_terminal_panel_add_page (TandemTerminalPanel *self,
                                TandemTerminalPage  *page,
                                const char          *title)
{
  AdwTabPage *tab;

  g_signal_connect_object (page, "open-file",
                           G_CALLBACK (tandem_terminal_panel_page_open_file_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (page, "notify::state",
                           G_CALLBACK (tandem_terminal_panel_page_state_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (page, "exited",
                           G_CALLBACK (tandem_terminal_panel_page_exited_cb), self,
                           G_CONNECT_SWAPPED);

  tab = adw_tab_view_append (self->tab_view, GTK_WIDGET (page));
  adw_tab_page_set_title (tab, title);
  adw_tab_view_set_selected_page (self->tab_view, tab);
  gtk_widget_grab_focus (GTK_WIDGET (page));

  return tab;
}

/**
 * tandem_terminal_panel_open_in:
 * @panel: a #TandemTerminalPanel
 * @directory: (nullable): the folder to start the shell in; the project root when %NULL
 *
 * Opens a new terminal tab.
 */
void
tandem_terminal_panel_open_in (GtkWidget *panel,
                               GFile     *directory)
{
  TandemTerminalPanel *self = (TandemTerminalPanel *)panel;
  g_autofree char *title = NULL;
  TandemTerminalPage *page;

  g_return_if_fail (TANDEM_IS_TERMINAL_PANEL (self));
  g_return_if_fail (directory == NULL || G_IS_FILE (directory));

  if (directory == NULL)
    directory = self->root;

  self->n_created++;
  if (directory != NULL && self->root != NULL && !g_file_equal (directory, self->root))
    title = g_file_get_basename (directory);
  else if (self->n_created == 1)
    title = g_strdup (_("Terminal"));
  else
    /* Translators: the title of the second, third… terminal tab */
    title = g_strdup_printf (_("Terminal %u"), self->n_created);

  page = tandem_terminal_page_new (directory, NULL);
  tandem_terminal_panel_add_page (self, page, title);
}

static void
tandem_terminal_panel_start_run (TandemTerminalPanel *self,
                                 const char          *command)
{
  AdwTabPage *tab;

  g_assert (TANDEM_IS_TERMINAL_PANEL (self));
  g_assert (command != NULL);

  if (self->run_page == NULL)
    {
      self->run_page = tandem_terminal_page_new (self->root, command);
      tab = tandem_terminal_panel_add_page (self, self->run_page, _("Run"));
      tandem_terminal_panel_page_state_cb (self, NULL, self->run_page);
    }
  else
    {
      VteTerminal *terminal = tandem_terminal_page_get_terminal (self->run_page);

      tab = adw_tab_view_get_page (self->tab_view, GTK_WIDGET (self->run_page));
      adw_tab_view_set_selected_page (self->tab_view, tab);
      tandem_terminal_page_set_command (self->run_page, command);
      vte_terminal_feed (terminal, "\r\n", 2);
      tandem_terminal_page_spawn (self->run_page);
    }

  /* The tab's tooltip is markup: a command such as `a & b` must stay text. */
  {
    g_autofree char *tooltip = g_markup_escape_text (command, -1);

    adw_tab_page_set_tooltip (tab, tooltip);
  }
  tandem_terminal_panel_update_running (self);
}

typedef struct
{
  TandemTerminalPanel *panel;
  GtkEntry            *entry;
  char                *command;
} DialogState;

static void
dialog_state_free (DialogState *state)
{
  g_clear_object (&state->panel);
  g_free (state->command);
  g_free (state);
}

static void
tandem_terminal_panel_saved_cb (GObject      *object,
                                GAsyncResult *result,
                                gpointer      user_data)
{
  DialogState *state = user_data;
  g_autoptr(GError) error = NULL;

  if (!tandem_run_config_save_finish (result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        tandem_terminal_panel_toast (state->panel, error->message);
    }
  else if (state->command != NULL && state->panel->tab_view != NULL)
    tandem_terminal_panel_start_run (state->panel, state->command);

  dialog_state_free (state);
}

static void
tandem_terminal_panel_dialog_response_cb (AdwMessageDialog *dialog,
                                          const char       *response,
                                          gpointer          user_data)
{
  DialogState *state = user_data;
  g_autofree char *command = NULL;
  gboolean run = g_str_equal (response, "run");

  if (!run && !g_str_equal (response, "save"))
    {
      dialog_state_free (state);
      return;
    }

  command = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (state->entry))));
  if (command[0] == '\0')
    {
      tandem_terminal_panel_toast (state->panel, _("The run command is empty: nothing was saved"));
      dialog_state_free (state);
      return;
    }

  if (run)
    state->command = g_strdup (command);
  tandem_run_config_save_async (state->panel->root, command, state->panel->cancellable,
                                tandem_terminal_panel_saved_cb, state);
}

static void
tandem_terminal_panel_show_run_dialog (TandemTerminalPanel *self,
                                       const char          *command,
                                       gboolean             run_after)
{
  GtkWidget *dialog;
  GtkWidget *entry;
  DialogState *state;

  g_assert (TANDEM_IS_TERMINAL_PANEL (self));

  dialog = adw_message_dialog_new (tandem_terminal_panel_get_window (self),
                                   _("Run Command"),
                                   _("The command Run (F5) starts in the project folder, with sh. "
                                     "It is kept in your settings, not in the project."));
  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), command ? command : "");
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("For example: make run"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Run command"),
                                  -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"));
  if (run_after)
    {
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "run", _("_Save and Run"));
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "run",
                                                  ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "run");
    }
  else
    {
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "save", _("_Save"));
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                                  ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
    }
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  state = g_new0 (DialogState, 1);
  state->panel = g_object_ref (self);
  state->entry = GTK_ENTRY (entry);
  g_signal_connect (dialog, "response", G_CALLBACK (tandem_terminal_panel_dialog_response_cb), state);

  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

typedef struct
{
  TandemTerminalPanel *panel;
  gboolean             run;
} LoadState;

static void
tandem_terminal_panel_config_loaded_cb (GObject      *object,
                                        GAsyncResult *result,
                                        gpointer      user_data)
{
  LoadState *state = user_data;
  g_autoptr(TandemTerminalPanel) self = state->panel;
  gboolean run = state->run;
  g_autoptr(GError) error = NULL;
  g_autofree char *command = NULL;
  gboolean saved = FALSE;

  g_free (state);
  command = tandem_run_config_load_finish (result, &saved, &error);

  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        tandem_terminal_panel_toast (self, error->message);
      return;
    }

  if (self->tab_view == NULL)
    return;

  if (run && saved && command != NULL && command[0] != '\0')
    tandem_terminal_panel_start_run (self, command);
  else
    tandem_terminal_panel_show_run_dialog (self, command, run);
}

static void
tandem_terminal_panel_load_config (TandemTerminalPanel *self,
                                   gboolean             run)
{
  LoadState *state = g_new0 (LoadState, 1);

  state->panel = g_object_ref (self);
  state->run = run;
  tandem_run_config_load_async (self->root, self->cancellable,
                                tandem_terminal_panel_config_loaded_cb, state);
}

static void
tandem_terminal_panel_restart_response_cb (AdwMessageDialog *dialog,
                                           const char       *response,
                                           gpointer          user_data)
{
  g_autoptr(TandemTerminalPanel) self = user_data;

  if (!g_str_equal (response, "restart") || self->run_page == NULL)
    return;

  if (tandem_terminal_page_get_state (self->run_page) == TANDEM_TERMINAL_STATE_RUNNING)
    {
      self->restart_pending = TRUE;
      tandem_terminal_page_stop (self->run_page);
    }
  else
    tandem_terminal_panel_run (GTK_WIDGET (self));
}

/**
 * tandem_terminal_panel_run:
 * @panel: a #TandemTerminalPanel
 *
 * Runs the project's run command in the Run tab, asking for it first when none was
 * saved, and asking whether to restart it when it is running.
 */
void
tandem_terminal_panel_run (GtkWidget *panel)
{
  TandemTerminalPanel *self = (TandemTerminalPanel *)panel;

  g_return_if_fail (TANDEM_IS_TERMINAL_PANEL (self));

  if (self->root == NULL)
    return;

  if (self->run_page != NULL &&
      tandem_terminal_page_get_state (self->run_page) == TANDEM_TERMINAL_STATE_RUNNING)
    {
      GtkWidget *dialog;

      dialog = adw_message_dialog_new (tandem_terminal_panel_get_window (self),
                                       _("Restart the Run Command?"),
                                       _("It is still running. It will be stopped and started again."));
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "cancel", _("_Cancel"),
                                        "restart", _("_Restart"),
                                        NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restart",
                                                  ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "restart");
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
      g_signal_connect (dialog, "response",
                        G_CALLBACK (tandem_terminal_panel_restart_response_cb), g_object_ref (self));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  tandem_terminal_panel_load_config (self, TRUE);
}

/**
 * tandem_terminal_panel_stop:
 * @panel: a #TandemTerminalPanel
 *
 * Stops the run command: SIGINT, then SIGKILL after a grace period.
 */
void
tandem_terminal_panel_stop (GtkWidget *panel)
{
  TandemTerminalPanel *self = (TandemTerminalPanel *)panel;

  g_return_if_fail (TANDEM_IS_TERMINAL_PANEL (self));

  self->restart_pending = FALSE;
  if (self->run_page != NULL)
    tandem_terminal_page_stop (self->run_page);
}

/**
 * tandem_terminal_panel_edit_run_command:
 * @panel: a #TandemTerminalPanel
 *
 * Shows the dialog that sets the project's run command.
 */
void
tandem_terminal_panel_edit_run_command (GtkWidget *panel)
{
  TandemTerminalPanel *self = (TandemTerminalPanel *)panel;

  g_return_if_fail (TANDEM_IS_TERMINAL_PANEL (self));

  if (self->root != NULL)
    tandem_terminal_panel_load_config (self, FALSE);
}

gboolean
tandem_terminal_panel_get_running (GtkWidget *panel)
{
  g_return_val_if_fail (TANDEM_IS_TERMINAL_PANEL (panel), FALSE);

  return TANDEM_TERMINAL_PANEL (panel)->running;
}

/**
 * tandem_terminal_panel_focus:
 * @panel: a #TandemTerminalPanel
 *
 * Moves the keyboard focus to the selected terminal, opening one when there is none.
 */
void
tandem_terminal_panel_focus (GtkWidget *panel)
{
  TandemTerminalPanel *self = (TandemTerminalPanel *)panel;
  AdwTabPage *tab;

  g_return_if_fail (TANDEM_IS_TERMINAL_PANEL (self));

  if (adw_tab_view_get_n_pages (self->tab_view) == 0)
    tandem_terminal_panel_open_in (panel, NULL);

  tab = adw_tab_view_get_selected_page (self->tab_view);
  if (tab != NULL)
    gtk_widget_grab_focus (adw_tab_page_get_child (tab));
}

TandemTerminalPage *
tandem_terminal_panel_get_run_page (TandemTerminalPanel *self)
{
  g_return_val_if_fail (TANDEM_IS_TERMINAL_PANEL (self), NULL);

  return self->run_page;
}

TandemTerminalPage *
tandem_terminal_panel_get_selected_page (TandemTerminalPanel *self)
{
  AdwTabPage *tab;

  g_return_val_if_fail (TANDEM_IS_TERMINAL_PANEL (self), NULL);

  tab = adw_tab_view_get_selected_page (self->tab_view);
  return tab ? TANDEM_TERMINAL_PAGE (adw_tab_page_get_child (tab)) : NULL;
}

guint
tandem_terminal_panel_get_n_pages (TandemTerminalPanel *self)
{
  g_return_val_if_fail (TANDEM_IS_TERMINAL_PANEL (self), 0);

  return adw_tab_view_get_n_pages (self->tab_view);
}

/**
 * tandem_terminal_panel_rename_page:
 * @page: a page of the panel
 *
 * Shows the inline entry that renames the tab of @page.
 */
void
tandem_terminal_panel_rename_page (TandemTerminalPanel *self,
                                   TandemTerminalPage  *page)
{
  AdwTabPage *tab;

  g_return_if_fail (TANDEM_IS_TERMINAL_PANEL (self));
  g_return_if_fail (TANDEM_IS_TERMINAL_PAGE (page));

  tab = adw_tab_view_get_page (self->tab_view, GTK_WIDGET (page));
  g_return_if_fail (tab != NULL);

  g_set_object (&self->rename_target, tab);
  gtk_editable_set_text (GTK_EDITABLE (self->rename_entry), adw_tab_page_get_title (tab));
  gtk_revealer_set_reveal_child (self->rename_revealer, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->rename_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->rename_entry), 0, -1);
}

static void
tandem_terminal_panel_hide_rename (TandemTerminalPanel *self)
{
  AdwTabPage *tab = self->rename_target;

  gtk_revealer_set_reveal_child (self->rename_revealer, FALSE);
  if (tab != NULL)
    gtk_widget_grab_focus (adw_tab_page_get_child (tab));
  g_clear_object (&self->rename_target);
}

static void
panel_apply_rename_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  TandemTerminalPanel *self = TANDEM_TERMINAL_PANEL (widget);
  g_autofree char *title = NULL;

  title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->rename_entry))));
  if (self->rename_target != NULL && title[0] != '\0')
    adw_tab_page_set_title (self->rename_target, title);

  tandem_terminal_panel_hide_rename (self);
}

static void
panel_cancel_rename_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  tandem_terminal_panel_hide_rename (TANDEM_TERMINAL_PANEL (widget));
}

static void
panel_new_terminal_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  tandem_terminal_panel_open_in (widget, NULL);
}

static AdwTabPage *
tandem_terminal_panel_get_action_target (TandemTerminalPanel *self)
{
  /* The tab whose menu is open, else the selected one. */
  return self->menu_page ? self->menu_page : adw_tab_view_get_selected_page (self->tab_view);
}

static void
panel_rename_tab_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  TandemTerminalPanel *self = TANDEM_TERMINAL_PANEL (widget);
  AdwTabPage *tab = tandem_terminal_panel_get_action_target (self);

  if (tab != NULL)
    tandem_terminal_panel_rename_page (self, TANDEM_TERMINAL_PAGE (adw_tab_page_get_child (tab)));
}

static void
panel_close_tab_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  TandemTerminalPanel *self = TANDEM_TERMINAL_PANEL (widget);
  AdwTabPage *tab = tandem_terminal_panel_get_action_target (self);

  if (tab != NULL)
    adw_tab_view_close_page (self->tab_view, tab);
}

static void
tandem_terminal_panel_setup_menu_cb (TandemTerminalPanel *self,
                                     AdwTabPage          *page,
                                     AdwTabView          *tab_view)
{
  g_assert (TANDEM_IS_TERMINAL_PANEL (self));

  self->menu_page = page;
}

static void
tandem_terminal_panel_page_detached_cb (TandemTerminalPanel *self,
                                        AdwTabPage          *page,
                                        int                  position,
                                        AdwTabView          *tab_view)
{
  g_assert (TANDEM_IS_TERMINAL_PANEL (self));

  if (self->menu_page == page)
    self->menu_page = NULL;
  if (self->rename_target == page)
    tandem_terminal_panel_hide_rename (self);

  if (adw_tab_page_get_child (page) == GTK_WIDGET (self->run_page))
    {
      self->run_page = NULL;
      self->restart_pending = FALSE;
      tandem_terminal_panel_update_running (self);
    }
}

static void
tandem_terminal_panel_n_pages_cb (TandemTerminalPanel *self,
                                  GParamSpec          *pspec,
                                  AdwTabView          *tab_view)
{
  gboolean empty = adw_tab_view_get_n_pages (tab_view) == 0;

  g_assert (TANDEM_IS_TERMINAL_PANEL (self));

  gtk_stack_set_visible_child_name (self->stack, empty ? "empty" : "tabs");
}

static void
tandem_terminal_panel_tab_bar_pressed_cb (TandemTerminalPanel *self,
                                          int                  n_press,
                                          double               x,
                                          double               y,
                                          GtkGestureClick     *gesture)
{
  GtkWidget *target;
  TandemTerminalPage *page;

  g_assert (TANDEM_IS_TERMINAL_PANEL (self));

  if (n_press != 2)
    return;

  target = gtk_widget_pick (GTK_WIDGET (self->tab_bar), x, y, GTK_PICK_DEFAULT);
  if (target != NULL && gtk_widget_get_ancestor (target, GTK_TYPE_BUTTON) != NULL)
    return;

  page = tandem_terminal_panel_get_selected_page (self);
  if (page != NULL)
    tandem_terminal_panel_rename_page (self, page);
}

static void
tandem_terminal_panel_rename_activate_cb (TandemTerminalPanel *self,
                                          GtkEntry            *entry)
{
  g_assert (TANDEM_IS_TERMINAL_PANEL (self));

  gtk_widget_activate_action (GTK_WIDGET (self), "panel.apply-rename", NULL);
}

static gboolean
tandem_terminal_panel_rename_key_cb (TandemTerminalPanel   *self,
                                     guint                  keyval,
                                     guint                  keycode,
                                     GdkModifierType        state,
                                     GtkEventControllerKey *controller)
{
  if (keyval == GDK_KEY_Escape)
    {
      tandem_terminal_panel_hide_rename (self);
      return GDK_EVENT_STOP;
    }

  return GDK_EVENT_PROPAGATE;
}

static void
tandem_terminal_panel_map (GtkWidget *widget)
{
  TandemTerminalPanel *self = TANDEM_TERMINAL_PANEL (widget);

  GTK_WIDGET_CLASS (tandem_terminal_panel_parent_class)->map (widget);

  /* Shown for the first time with nothing in it: that is what a shell is for. */
  if (!self->mapped_once)
    {
      self->mapped_once = TRUE;
      if (adw_tab_view_get_n_pages (self->tab_view) == 0)
        tandem_terminal_panel_open_in (widget, NULL);
    }
}

static void
tandem_terminal_panel_dispose (GObject *object)
{
  TandemTerminalPanel *self = TANDEM_TERMINAL_PANEL (object);

  g_cancellable_cancel (self->cancellable);
  self->run_page = NULL;
  self->menu_page = NULL;
  g_clear_object (&self->rename_target);

  gtk_widget_dispose_template (GTK_WIDGET (self), TANDEM_TYPE_TERMINAL_PANEL);
  self->tab_view = NULL;

  G_OBJECT_CLASS (tandem_terminal_panel_parent_class)->dispose (object);
}

static void
tandem_terminal_panel_finalize (GObject *object)
{
  TandemTerminalPanel *self = TANDEM_TERMINAL_PANEL (object);

  g_clear_object (&self->root);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (tandem_terminal_panel_parent_class)->finalize (object);
}

static void
tandem_terminal_panel_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  TandemTerminalPanel *self = TANDEM_TERMINAL_PANEL (object);

  switch (prop_id)
    {
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_terminal_panel_class_init (TandemTerminalPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tandem_terminal_panel_dispose;
  object_class->finalize = tandem_terminal_panel_finalize;
  object_class->get_property = tandem_terminal_panel_get_property;
  widget_class->map = tandem_terminal_panel_map;

  /**
   * TandemTerminalPanel:running:
   *
   * Whether the run command is running.
   */
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TandemTerminalPanel::open-file:
   * @file: the file a reference in a terminal names
   * @line: the 0-based line
   * @column: the 0-based column
   */
  signals[OPEN_FILE] =
    g_signal_new ("open-file",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_FILE, G_TYPE_INT, G_TYPE_INT);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "terminalpanel");

  g_type_ensure (TANDEM_TYPE_TERMINAL_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tandemide/Tandem/terminal/tandem-terminal-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, TandemTerminalPanel, box);
  gtk_widget_class_bind_template_child (widget_class, TandemTerminalPanel, tab_bar);
  gtk_widget_class_bind_template_child (widget_class, TandemTerminalPanel, tab_view);
  gtk_widget_class_bind_template_child (widget_class, TandemTerminalPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, TandemTerminalPanel, rename_revealer);
  gtk_widget_class_bind_template_child (widget_class, TandemTerminalPanel, rename_entry);
  gtk_widget_class_bind_template_child (widget_class, TandemTerminalPanel, tab_menu);

  gtk_widget_class_install_action (widget_class, "panel.new-terminal", NULL, panel_new_terminal_action);
  gtk_widget_class_install_action (widget_class, "panel.rename-tab", NULL, panel_rename_tab_action);
  gtk_widget_class_install_action (widget_class, "panel.close-tab", NULL, panel_close_tab_action);
  gtk_widget_class_install_action (widget_class, "panel.apply-rename", NULL, panel_apply_rename_action);
  gtk_widget_class_install_action (widget_class, "panel.cancel-rename", NULL, panel_cancel_rename_action);
}

static void
tandem_terminal_panel_init (TandemTerminalPanel *self)
{
  GtkGesture *click;
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));
  tandem_module_add_css ("/io/github/tandemide/Tandem/terminal/style.css");

  self->cancellable = g_cancellable_new ();

  g_signal_connect_object (self->tab_view, "setup-menu",
                           G_CALLBACK (tandem_terminal_panel_setup_menu_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->tab_view, "page-detached",
                           G_CALLBACK (tandem_terminal_panel_page_detached_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->tab_view, "notify::n-pages",
                           G_CALLBACK (tandem_terminal_panel_n_pages_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->rename_entry, "activate",
                           G_CALLBACK (tandem_terminal_panel_rename_activate_cb), self,
                           G_CONNECT_SWAPPED);

  click = gtk_gesture_click_new ();
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect_object (click, "pressed",
                           G_CALLBACK (tandem_terminal_panel_tab_bar_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->tab_bar), GTK_EVENT_CONTROLLER (click));

  keys = gtk_event_controller_key_new ();
  g_signal_connect_object (keys, "key-pressed",
                           G_CALLBACK (tandem_terminal_panel_rename_key_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->rename_entry), keys);

  tandem_terminal_panel_n_pages_cb (self, NULL, self->tab_view);
}

/**
 * tandem_terminal_panel_new:
 * @root: (nullable): the project folder: where terminals and the run command start
 *
 * Returns: (transfer floating): a new #TandemTerminalPanel
 */
GtkWidget *
tandem_terminal_panel_new (GFile *root)
{
  TandemTerminalPanel *self;

  g_return_val_if_fail (root == NULL || G_IS_FILE (root), NULL);

  self = g_object_new (TANDEM_TYPE_TERMINAL_PANEL, NULL);
  self->root = root ? g_object_ref (root) : NULL;

  return GTK_WIDGET (self);
}
