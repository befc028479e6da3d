/* git-panel-test-util.h
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

#pragma once

#include <adwaita.h>

#include "tandem-test.h"
#include "git-views-test-util.h"

/* Helpers shared by the tests of the Git page (test-git-panel.c, test-git-ui.c): find a
 * row's button by its action and path, wait for rows, labels and git's own answers. */

static inline gboolean
panel_available (gpointer data)
{
  gboolean available = FALSE;

  g_object_get (data, "available", &available, NULL);
  return available;
}

static inline char *
git_out (const char *dir,
         const char *a,
         const char *b,
         const char *c)
{
  char *out = views_git (dir, a, b, c, NULL);

  return g_strstrip (out);
}

/* The first widget at or below @widget for which @match is TRUE, depth first. */
static inline GtkWidget *
find_widget (GtkWidget  *widget,
             gboolean  (*match) (GtkWidget *widget, gconstpointer data),
             gconstpointer data)
{
  if (match (widget, data))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, match, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

typedef struct
{
  const char *action;
  const char *path;
} ActionTarget;

static inline gboolean
match_action (GtkWidget     *widget,
              gconstpointer  data)
{
  const ActionTarget *wanted = data;
  GVariant *target;

  if (!GTK_IS_ACTIONABLE (widget) || !gtk_widget_get_mapped (widget) ||
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), wanted->action) != 0)
    return FALSE;

  target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (widget));
  return wanted->path == NULL ||
         (target != NULL && g_variant_is_of_type (target, G_VARIANT_TYPE_STRING) &&
          g_str_equal (g_variant_get_string (target, NULL), wanted->path));
}

/* The shown row button (or any actionable) for @action on @path (any when %NULL). */
static inline GtkWidget *
find_action_button (GtkWidget  *widget,
                    const char *action,
                    const char *path)
{
  ActionTarget wanted = { action, path };

  return find_widget (widget, match_action, &wanted);
}

static inline gboolean
match_tooltip (GtkWidget     *widget,
               gconstpointer  data)
{
  return g_strcmp0 (gtk_widget_get_tooltip_text (widget), data) == 0;
}

typedef struct
{
  GtkWidget  *panel;
  const char *action;
  const char *path;
} RowQuery;

static inline gboolean
row_has_button (gpointer data)
{
  RowQuery *query = data;

  return find_action_button (query->panel, query->action, query->path) != NULL;
}

static inline void
wait_row (GtkWidget  *panel,
          const char *action,
          const char *path)
{
  RowQuery query = { panel, action, path };

  if (!tandem_test_wait_until (row_has_button, &query, 10000))
    g_error ("No row for %s with %s", path, action);
}

static inline void
click_row_button (GtkWidget  *panel,
                  const char *action,
                  const char *path)
{
  GtkWidget *button = find_action_button (panel, action, path);

  g_assert_nonnull (button);
  g_assert_true (GTK_IS_BUTTON (button));
  g_signal_emit_by_name (button, "clicked");
}

typedef struct
{
  GtkWidget  *root;
  const char *text;
} LabelQuery;

static inline gboolean
label_shown (gpointer data)
{
  LabelQuery *query = data;

  return views_find_label (query->root, query->text) != NULL;
}

static inline void
wait_label (GtkWidget  *root,
            const char *text)
{
  LabelQuery query = { root, text };

  if (!tandem_test_wait_until (label_shown, &query, 10000))
    g_error ("No label shows “%s”", text);
}

static inline GtkTextView *
get_message_view (GtkWidget *panel)
{
  GtkWidget *view = tandem_test_find_descendant (panel, GTK_TYPE_TEXT_VIEW);

  g_assert_nonnull (view);
  return GTK_TEXT_VIEW (view);
}

typedef struct
{
  const char *dir;
  const char *a;
  const char *b;
  const char *c;
  const char *expected;
} GitQuery;

static inline gboolean
git_says (gpointer data)
{
  GitQuery *query = data;
  g_autofree char *out = git_out (query->dir, query->a, query->b, query->c);

  return g_str_equal (out, query->expected);
}

/* Waits until `git @a @b @c` prints @expected (trimmed). */
static inline void
wait_git (const char *dir,
          const char *a,
          const char *b,
          const char *c,
          const char *expected)
{
  GitQuery query = { dir, a, b, c, expected };

  if (!tandem_test_wait_until (git_says, &query, 10000))
    {
      g_autofree char *out = git_out (dir, a, b, c);

      g_error ("git %s %s: “%s”, expected “%s”", a, b, out, expected);
    }
}

static inline void
set_message (GtkWidget  *panel,
             const char *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (get_message_view (panel)), text, -1);
}

/* A shown toplevel of @type (or a subtype) whose title, or heading for a message dialog,
 * starts with @prefix (any when %NULL). */
static inline GtkWindow *
find_toplevel (GType       type,
               const char *prefix)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);
      const char *text;

      if (!g_type_is_a (G_OBJECT_TYPE (window), type) || !gtk_widget_get_visible (GTK_WIDGET (window)))
        continue;

      text = ADW_IS_MESSAGE_DIALOG (window) ? adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (window))
                                           : gtk_window_get_title (window);
      if (prefix == NULL || (text != NULL && g_str_has_prefix (text, prefix)))
        return window;
    }

  return NULL;
}

typedef struct
{
  GType       type;
  const char *prefix;
} ToplevelQuery;

static inline gboolean
toplevel_shown (gpointer data)
{
  ToplevelQuery *query = data;

  return find_toplevel (query->type, query->prefix) != NULL;
}

static inline GtkWindow *
wait_toplevel (GType       type,
               const char *prefix)
{
  ToplevelQuery query = { type, prefix };

  if (!tandem_test_wait_until (toplevel_shown, &query, 10000))
    g_error ("No window “%s…” of type %s", prefix ? prefix : "", g_type_name (type));
  return find_toplevel (type, prefix);
}
