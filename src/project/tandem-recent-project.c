/* tandem-recent-project.c
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

#define G_LOG_DOMAIN "tandem-recent-project"

#include "config.h"

#include "tandem-recent-project.h"
#include "tandem-utils.h"

struct _TandemRecentProject
{
  GObject  parent_instance;

  GFile   *file;
  char    *name;
  char    *path_for_display;

  /* Unix time, in seconds */
  gint64   last_opened;
};

enum {
  PROP_0,
  PROP_FILE,
  PROP_NAME,
  PROP_PATH_FOR_DISPLAY,
  PROP_LAST_OPENED,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (TandemRecentProject, tandem_recent_project, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static void
tandem_recent_project_constructed (GObject *object)
{
  TandemRecentProject *self = (TandemRecentProject *)object;
  g_autofree char *basename = NULL;

  G_OBJECT_CLASS (tandem_recent_project_parent_class)->constructed (object);

  g_assert (G_IS_FILE (self->file));

  basename = g_file_get_basename (self->file);
  self->name = basename != NULL ? g_filename_display_name (basename) : g_strdup ("");
  self->path_for_display = tandem_path_for_display (self->file);
}

static void
tandem_recent_project_finalize (GObject *object)
{
  TandemRecentProject *self = (TandemRecentProject *)object;

  g_clear_object (&self->file);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->path_for_display, g_free);

  G_OBJECT_CLASS (tandem_recent_project_parent_class)->finalize (object);
}

static void
tandem_recent_project_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  TandemRecentProject *self = TANDEM_RECENT_PROJECT (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_PATH_FOR_DISPLAY:
      g_value_set_string (value, self->path_for_display);
      break;

    case PROP_LAST_OPENED:
      g_value_set_int64 (value, self->last_opened);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_recent_project_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  TandemRecentProject *self = TANDEM_RECENT_PROJECT (object);

  switch (prop_id)
    {
    case PROP_FILE:
      self->file = g_value_dup_object (value);
      break;

    case PROP_LAST_OPENED:
      self->last_opened = g_value_get_int64 (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_recent_project_class_init (TandemRecentProjectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = tandem_recent_project_constructed;
  object_class->finalize = tandem_recent_project_finalize;
  object_class->get_property = tandem_recent_project_get_property;
  object_class->set_property = tandem_recent_project_set_property;

  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL,
                         G_TYPE_FILE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_PATH_FOR_DISPLAY] =
    g_param_spec_string ("path-for-display", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_LAST_OPENED] =
    g_param_spec_int64 ("last-opened", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tandem_recent_project_init (TandemRecentProject *self)
{
}

/**
 * tandem_recent_project_new:
 * @file: the project folder
 * @last_opened: when it was last opened, in seconds since the Unix epoch
 *
 * Returns: (transfer full): a new #TandemRecentProject
 */
TandemRecentProject *
tandem_recent_project_new (GFile  *file,
                           gint64  last_opened)
{
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  return g_object_new (TANDEM_TYPE_RECENT_PROJECT,
                       "file", file,
                       "last-opened", MAX (last_opened, 0),
                       NULL);
}

/**
 * tandem_recent_project_get_file:
 *
 * Returns: (transfer none): the project folder
 */
GFile *
tandem_recent_project_get_file (TandemRecentProject *self)
{
  g_return_val_if_fail (TANDEM_IS_RECENT_PROJECT (self), NULL);

  return self->file;
}

/**
 * tandem_recent_project_get_name:
 *
 * Returns: the folder's name
 */
const char *
tandem_recent_project_get_name (TandemRecentProject *self)
{
  g_return_val_if_fail (TANDEM_IS_RECENT_PROJECT (self), NULL);

  return self->name;
}

/**
 * tandem_recent_project_get_path_for_display:
 *
 * Returns: the folder's path with the home folder shown as `~`
 */
const char *
tandem_recent_project_get_path_for_display (TandemRecentProject *self)
{
  g_return_val_if_fail (TANDEM_IS_RECENT_PROJECT (self), NULL);

  return self->path_for_display;
}

/**
 * tandem_recent_project_get_last_opened:
 *
 * Returns: when the project was last opened, in seconds since the Unix epoch
 */
gint64
tandem_recent_project_get_last_opened (TandemRecentProject *self)
{
  g_return_val_if_fail (TANDEM_IS_RECENT_PROJECT (self), 0);

  return self->last_opened;
}
