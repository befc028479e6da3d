/* tandem-greeter.c
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

#define G_LOG_DOMAIN "tandem-greeter"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "tandem-greeter.h"
#include "tandem-recent-projects.h"

struct _TandemGreeter
{
  GtkWidget             parent_instance;

  TandemRecentProjects *recent;

  /* Template children */
  GtkImage             *logo;
  GtkListBox           *recent_list;
  GtkStack             *recent_stack;
};

enum {
  PROJECT_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (TandemGreeter, tandem_greeter, GTK_TYPE_WIDGET)

static char *
format_last_opened (gint64 unix_time)
{
  g_autoptr(GDateTime) then = NULL;
  g_autoptr(GDateTime) now = NULL;
  GTimeSpan span;

  if (unix_time <= 0)
    return NULL;

  then = g_date_time_new_from_unix_local (unix_time);
  now = g_date_time_new_now_local ();
  span = g_date_time_difference (now, then);

  if (span < G_TIME_SPAN_MINUTE)
    return g_strdup (_("Just now"));
  if (span < G_TIME_SPAN_HOUR)
    {
      int minutes = span / G_TIME_SPAN_MINUTE;
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d minute ago", "%d minutes ago",
                                           minutes), minutes);
    }
  if (span < G_TIME_SPAN_DAY)
    {
      int hours = span / G_TIME_SPAN_HOUR;
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d hour ago", "%d hours ago", hours),
                              hours);
    }
  if (span < 30 * G_TIME_SPAN_DAY)
    {
      int days = span / G_TIME_SPAN_DAY;
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day ago", "%d days ago", days),
                              days);
    }

  /* Translators: a date, see g_date_time_format() */
  return g_date_time_format (then, _("%e %B %Y"));
}

static void
tandem_greeter_remove_clicked_cb (TandemGreeter *self,
                                  GtkButton     *button)
{
  GFile *file;

  g_assert (TANDEM_IS_GREETER (self));
  g_assert (GTK_IS_BUTTON (button));

  file = g_object_get_data (G_OBJECT (button), "file");
  if (file != NULL && self->recent != NULL)
    tandem_recent_projects_remove (self->recent, file);
}

static void
tandem_greeter_row_activated_cb (TandemGreeter *self,
                                 AdwActionRow  *row)
{
  GFile *file;

  g_assert (TANDEM_IS_GREETER (self));
  g_assert (ADW_IS_ACTION_ROW (row));

  file = g_object_get_data (G_OBJECT (row), "file");
  if (file != NULL)
    g_signal_emit (self, signals[PROJECT_ACTIVATED], 0, file);
}

static GtkWidget *
tandem_greeter_create_row (gpointer item,
                           gpointer user_data)
{
  TandemGreeter *self = user_data;
  g_autoptr(GFile) file = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autofree char *when = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *remove_label = NULL;
  GtkWidget *row;
  GtkWidget *remove;
  gint64 last_opened = 0;

  g_assert (TANDEM_IS_GREETER (self));

  g_object_get (item,
                "file", &file,
                "name", &name,
                "path-for-display", &path,
                "last-opened", &last_opened,
                NULL);

  when = format_last_opened (last_opened);
  subtitle = when ? g_strdup_printf ("%s · %s", path, when) : g_strdup (path);

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "file", g_object_ref (file), g_object_unref);
  g_signal_connect_object (row, "activated", G_CALLBACK (tandem_greeter_row_activated_cb),
                           self, G_CONNECT_SWAPPED);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("folder-symbolic"));

  remove = gtk_button_new_from_icon_name ("window-close-symbolic");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove From Recent Projects"));
  /* Translators: %s is a project name */
  remove_label = g_strdup_printf (_("Remove %s from recent projects"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label,
                                  -1);
  g_object_set_data_full (G_OBJECT (remove), "file", g_object_ref (file), g_object_unref);
  g_signal_connect_object (remove, "clicked", G_CALLBACK (tandem_greeter_remove_clicked_cb),
                           self, G_CONNECT_SWAPPED);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);

  return row;
}

static void
tandem_greeter_update_stack (TandemGreeter *self)
{
  guint n = self->recent ? g_list_model_get_n_items (G_LIST_MODEL (self->recent)) : 0;

  gtk_stack_set_visible_child_name (self->recent_stack, n > 0 ? "list" : "empty");
}

static void
tandem_greeter_items_changed_cb (TandemGreeter *self,
                                 guint          position,
                                 guint          removed,
                                 guint          added,
                                 GListModel    *model)
{
  g_assert (TANDEM_IS_GREETER (self));

  tandem_greeter_update_stack (self);
}

void
tandem_greeter_set_recent_projects (TandemGreeter        *self,
                                    TandemRecentProjects *recent)
{
  g_return_if_fail (TANDEM_IS_GREETER (self));

  if (self->recent == recent)
    return;

  if (self->recent != NULL)
    g_signal_handlers_disconnect_by_func (self->recent, tandem_greeter_items_changed_cb, self);
  g_set_object (&self->recent, recent);

  gtk_list_box_bind_model (self->recent_list, G_LIST_MODEL (recent),
                           tandem_greeter_create_row, self, NULL);
  if (recent != NULL)
    g_signal_connect_object (recent, "items-changed",
                             G_CALLBACK (tandem_greeter_items_changed_cb), self, G_CONNECT_SWAPPED);
  tandem_greeter_update_stack (self);
}

static void
tandem_greeter_dispose (GObject *object)
{
  TandemGreeter *self = (TandemGreeter *)object;
  GtkWidget *child;

  if (self->recent_list != NULL)
    gtk_list_box_bind_model (self->recent_list, NULL, NULL, NULL, NULL);
  g_clear_object (&self->recent);
  gtk_widget_dispose_template (GTK_WIDGET (self), TANDEM_TYPE_GREETER);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (tandem_greeter_parent_class)->dispose (object);
}

static void
tandem_greeter_class_init (TandemGreeterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tandem_greeter_dispose;

  /**
   * TandemGreeter::project-activated:
   * @file: the project folder
   *
   * The user picked a recent project.
   */
  signals[PROJECT_ACTIVATED] =
    g_signal_new ("project-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_FILE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/app/tandem-greeter.ui");
  gtk_widget_class_bind_template_child (widget_class, TandemGreeter, logo);
  gtk_widget_class_bind_template_child (widget_class, TandemGreeter, recent_list);
  gtk_widget_class_bind_template_child (widget_class, TandemGreeter, recent_stack);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "greeter");
}

static void
tandem_greeter_init (TandemGreeter *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* The icon ships in our resources too, so it shows before the app is installed. */
  gtk_image_set_from_icon_name (self->logo, "io.github.tandemide.Tandem");
  tandem_greeter_update_stack (self);
}
