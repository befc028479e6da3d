/* git-views-test-util.h
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

#include <string.h>

#include <gtk/gtk.h>

/* Small helpers shared by the tests of the git widgets (diff view, gutter, dialogs). */

/* Runs git with @args (NULL-terminated) in @dir with a fixed identity, asserts success
 * and returns its standard output. */
static inline char *
views_git (const char *dir,
           ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;
  const char *arg;
  va_list ap;

  g_ptr_array_add (argv, (gpointer)"git");
  g_ptr_array_add (argv, (gpointer)"-c");
  g_ptr_array_add (argv, (gpointer)"user.name=Test User");
  g_ptr_array_add (argv, (gpointer)"-c");
  g_ptr_array_add (argv, (gpointer)"user.email=test@example.com");
  g_ptr_array_add (argv, (gpointer)"-c");
  g_ptr_array_add (argv, (gpointer)"init.defaultBranch=main");
  va_start (ap, dir);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer)arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (dir, (char **)argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("git %s failed: %s", (char *)argv->pdata[7], err);

  return out;
}

static inline void
views_git_quiet (const char *dir,
                 const char *a,
                 const char *b,
                 const char *c)
{
  g_free (views_git (dir, a, b, c, NULL));
}

/* The first GtkButton at or below @widget whose label is @label. */
static inline GtkWidget *
views_find_button (GtkWidget  *widget,
                   const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = views_find_button (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The first GtkLabel at or below @widget whose text contains @text. */
static inline GtkWidget *
views_find_label (GtkWidget  *widget,
                  const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget) &&
      strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = views_find_label (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Saves a screenshot of the whole X screen to $TANDEM_TEST_SHOTS/@name.png when that
 * variable is set (for looking at the widgets by hand). */
static inline void
views_screenshot (const char *name)
{
  const char *dir = g_getenv ("TANDEM_TEST_SHOTS");
  g_autofree char *path = NULL;
  g_autofree char *command = NULL;

  if (dir == NULL)
    return;

  path = g_strdup_printf ("%s/%s.png", dir, name);
  command = g_strdup_printf ("import -window root %s", path);
  g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL);
}
