/* tandem-preferences-window.c
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

#define G_LOG_DOMAIN "tandem-preferences-window"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>

#include "tandem-module.h"
#include "tandem-preferences-window.h"

/* The AI page lives in the AI module, loaded when the preferences open. */
typedef GtkWidget *(*TandemAiPreferencesPageNew) (void);

struct _TandemPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* owned */
  GSettings            *settings;
  GListStore           *schemes;

  /* template children */
  AdwPreferencesPage   *editor_page;
  AdwPreferencesPage   *files_page;
  AdwActionRow         *system_font_row;
  GtkSwitch            *system_font_switch;
  AdwActionRow         *custom_font_row;
  GtkFontButton        *font_button;
  AdwComboRow          *style_scheme_row;
  GtkSwitch            *line_numbers_switch;
  GtkSwitch            *current_line_switch;
  GtkSwitch            *wrap_switch;
  GtkSpinButton        *tab_width_spin;
  GtkSwitch            *insert_spaces_switch;
  GtkSwitch            *right_margin_switch;
  AdwActionRow         *right_margin_position_row;
  GtkSpinButton        *right_margin_spin;
  GtkSwitch            *hidden_files_switch;
  GtkSwitch            *restore_session_switch;
  AdwEntryRow          *terminal_shell_row;
  GtkSpinButton        *terminal_scrollback_spin;
};

G_DEFINE_FINAL_TYPE (TandemPreferencesWindow, tandem_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static gboolean
tandem_preferences_window_monospace_filter (const PangoFontFamily *family,
                                            const PangoFontFace   *face,
                                            gpointer               user_data)
{
  return pango_font_family_is_monospace ((PangoFontFamily *)family);
}

/* Lists the schemes a user picks from: a "-dark" scheme whose light scheme exists is
 * left out, because the editor switches to it by itself in dark mode. */
static void
tandem_preferences_window_load_schemes (TandemPreferencesWindow *self)
{
  GtkSourceStyleSchemeManager *manager;
  const char * const *ids;

  g_assert (TANDEM_IS_PREFERENCES_WINDOW (self));

  manager = gtk_source_style_scheme_manager_get_default ();
  ids = gtk_source_style_scheme_manager_get_scheme_ids (manager);

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      GtkSourceStyleScheme *scheme;

      if (g_str_has_suffix (ids[i], "-dark"))
        {
          g_autofree char *light = g_strndup (ids[i], strlen (ids[i]) - strlen ("-dark"));

          if (g_strv_contains (ids, light))
            continue;
        }

      scheme = gtk_source_style_scheme_manager_get_scheme (manager, ids[i]);
      if (scheme != NULL)
        g_list_store_append (self->schemes, scheme);
    }
}

static gboolean
tandem_preferences_window_scheme_get_mapping (GValue   *value,
                                              GVariant *variant,
                                              gpointer  user_data)
{
  TandemPreferencesWindow *self = user_data;
  const char *id = g_variant_get_string (variant, NULL);
  guint n_items;

  g_assert (TANDEM_IS_PREFERENCES_WINDOW (self));

  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->schemes));
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GtkSourceStyleScheme) scheme = g_list_model_get_item (G_LIST_MODEL (self->schemes), i);

      if (g_strcmp0 (gtk_source_style_scheme_get_id (scheme), id) == 0)
        {
          g_value_set_uint (value, i);
          return TRUE;
        }
    }

  /* An unknown id (a scheme that was uninstalled) selects nothing. */
  g_value_set_uint (value, GTK_INVALID_LIST_POSITION);
  return TRUE;
}

static GVariant *
tandem_preferences_window_scheme_set_mapping (const GValue       *value,
                                              const GVariantType *expected_type,
                                              gpointer            user_data)
{
  TandemPreferencesWindow *self = user_data;
  g_autoptr(GtkSourceStyleScheme) scheme = NULL;
  guint position = g_value_get_uint (value);

  g_assert (TANDEM_IS_PREFERENCES_WINDOW (self));

  if (position == GTK_INVALID_LIST_POSITION)
    return NULL;

  scheme = g_list_model_get_item (G_LIST_MODEL (self->schemes), position);
  if (scheme == NULL)
    return NULL;

  return g_variant_new_string (gtk_source_style_scheme_get_id (scheme));
}

static void
tandem_preferences_window_dispose (GObject *object)
{
  TandemPreferencesWindow *self = TANDEM_PREFERENCES_WINDOW (object);

  /* The scheme mapping reads self->schemes: drop it before the list goes away. */
  if (self->style_scheme_row != NULL)
    g_settings_unbind (self->style_scheme_row, "selected");

  gtk_widget_dispose_template (GTK_WIDGET (self), TANDEM_TYPE_PREFERENCES_WINDOW);

  g_clear_object (&self->settings);
  g_clear_object (&self->schemes);

  G_OBJECT_CLASS (tandem_preferences_window_parent_class)->dispose (object);
}

static void
tandem_preferences_window_class_init (TandemPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tandem_preferences_window_dispose;

  g_type_ensure (GTK_SOURCE_TYPE_STYLE_SCHEME);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tandemide/Tandem/app/tandem-preferences-window.ui");

  gtk_widget_class_bind_template_child (widget_class, TandemPreferencesWindow, editor_page);
  gtk_widget_class_bind_template_child (widget_class, TandemPreferencesWindow, files_page);
  gtk_widget_class_bind_template_child (widget_class, TandemPreferencesWindow, system_font_row);
  gtk_widget_class_bind_template_child (widget_class, TandemPreferencesWindow, system_font_switch);
  gtk_widget_class_bind_template_child (widget_class, TandemPreferencesWindow, custom_font_row);
  gtk_widget_class_bind_template_child (widget_class, TandemPreferencesWindow, font_button);
  gtk_widget_class_bind_template_child (widget_class, TandemPreferencesWindow, style_scheme_row);
  gtk_widget_class_bind_template_child (widget_class, TandemPreferencesWindow, line_numbers_switch);
  gtk_widget_class_bind_template_child (widget_class, TandemPreferencesWindow, current_line_switch);
  gtk_widget_class_bind_template_child (widget_class, TandemPreferencesWindow, wrap_switch);
  gtk_widget_class_bind_template_child (widget_class, TandemPreferencesWindow, tab_width_spin);
  gtk_widget_class_bind_template_child (widget_class, TandemPreferencesWindow, insert_spaces_switch);
  gtk_widget_class_bind_template_child (widget_class, TandemPreferencesWindow, right_margin_switch);
  gtk_widget_class_bind_template_child (widget_class, TandemPreferencesWindow, right_margin_position_row);
  gtk_widget_class_bind_template_child (widget_class, TandemPreferencesWindow, right_margin_spin);
  gtk_widget_class_bind_template_child (widget_class, TandemPreferencesWindow, hidden_files_switch);
  gtk_widget_class_bind_template_child (widget_class, TandemPreferencesWindow, restore_session_switch);
  gtk_widget_class_bind_template_child (widget_class, TandemPreferencesWindow, terminal_shell_row);
  gtk_widget_class_bind_template_child (widget_class, TandemPreferencesWindow, terminal_scrollback_spin);
}

static void
tandem_preferences_window_add_ai_page (TandemPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  TandemAiPreferencesPageNew page_new;
  GtkWidget *page;
  GtkWidget *group;
  GtkWidget *row;

  g_assert (TANDEM_IS_PREFERENCES_WINDOW (self));

  page_new = tandem_module_lookup ("ai", "tandem_ai_preferences_page_new", &error);
  if (page_new != NULL)
    {
      adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (page_new ()));
      return;
    }

  page = adw_preferences_page_new ();
  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (page), _("AI"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (page), "applications-science-symbolic");
  group = adw_preferences_group_new ();
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("The AI assistant could not be loaded"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), error->message);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (page));
}

static void
tandem_preferences_window_init (TandemPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  tandem_preferences_window_add_ai_page (self);

  self->settings = g_settings_new (SCHEMA_ID);

  gtk_font_chooser_set_filter_func (GTK_FONT_CHOOSER (self->font_button),
                                    tandem_preferences_window_monospace_filter,
                                    NULL, NULL);

  self->schemes = g_list_store_new (GTK_SOURCE_TYPE_STYLE_SCHEME);
  tandem_preferences_window_load_schemes (self);
  adw_combo_row_set_model (self->style_scheme_row, G_LIST_MODEL (self->schemes));

  g_settings_bind (self->settings, "use-system-font",
                   self->system_font_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "use-system-font",
                   self->custom_font_row, "sensitive",
                   G_SETTINGS_BIND_GET | G_SETTINGS_BIND_INVERT_BOOLEAN);
  g_settings_bind (self->settings, "custom-font",
                   self->font_button, "font",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "style-scheme",
                                self->style_scheme_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                tandem_preferences_window_scheme_get_mapping,
                                tandem_preferences_window_scheme_set_mapping,
                                self, NULL);
  g_settings_bind (self->settings, "show-line-numbers",
                   self->line_numbers_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "highlight-current-line",
                   self->current_line_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "wrap-lines",
                   self->wrap_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "tab-width",
                   self->tab_width_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "insert-spaces",
                   self->insert_spaces_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "show-right-margin",
                   self->right_margin_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "show-right-margin",
                   self->right_margin_position_row, "sensitive",
                   G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "right-margin-position",
                   self->right_margin_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "show-hidden-files",
                   self->hidden_files_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "restore-session",
                   self->restore_session_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "terminal-shell",
                   self->terminal_shell_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "terminal-scrollback-lines",
                   self->terminal_scrollback_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
}

/**
 * tandem_preferences_window_new:
 * @parent: (nullable): the window the preferences belong to
 *
 * Returns: (transfer none): a new #TandemPreferencesWindow, modal for @parent
 */
GtkWidget *
tandem_preferences_window_new (GtkWindow *parent)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (TANDEM_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       "application", parent != NULL ? gtk_window_get_application (parent) : NULL,
                       NULL);
}
