/* tandem-trashed-file.c
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

#define G_LOG_DOMAIN "tandem-trashed-file"

#include "config.h"

#include "tandem-trashed-file.h"

/* What tandem_file_ops_trash_async() hands back so the user can undo: where the file
 * was, and the trash entry that was made for it (when it could be found). */
struct _TandemTrashedFile
{
  GObject  parent_instance;

  GFile   *original;
  GFile   *info_file;
};

enum {
  PROP_0,
  PROP_ORIGINAL,
  PROP_INFO_FILE,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (TandemTrashedFile, tandem_trashed_file, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static void
tandem_trashed_file_finalize (GObject *object)
{
  TandemTrashedFile *self = (TandemTrashedFile *)object;

  g_clear_object (&self->original);
  g_clear_object (&self->info_file);

  G_OBJECT_CLASS (tandem_trashed_file_parent_class)->finalize (object);
}

static void
tandem_trashed_file_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  TandemTrashedFile *self = TANDEM_TRASHED_FILE (object);

  switch (prop_id)
    {
    case PROP_ORIGINAL:
      g_value_set_object (value, self->original);
      break;

    case PROP_INFO_FILE:
      g_value_set_object (value, self->info_file);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_trashed_file_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  TandemTrashedFile *self = TANDEM_TRASHED_FILE (object);

  switch (prop_id)
    {
    case PROP_ORIGINAL:
      self->original = g_value_dup_object (value);
      break;

    case PROP_INFO_FILE:
      self->info_file = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_trashed_file_class_init (TandemTrashedFileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tandem_trashed_file_finalize;
  object_class->get_property = tandem_trashed_file_get_property;
  object_class->set_property = tandem_trashed_file_set_property;

  properties[PROP_ORIGINAL] =
    g_param_spec_object ("original", NULL, NULL,
                         G_TYPE_FILE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_INFO_FILE] =
    g_param_spec_object ("info-file", NULL, NULL,
                         G_TYPE_FILE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tandem_trashed_file_init (TandemTrashedFile *self)
{
}

/**
 * tandem_trashed_file_new:
 * @original: where the file was before it was trashed
 * @info_file: (nullable): its `.trashinfo` file in the trash
 *
 * Returns: (transfer full): a new #TandemTrashedFile
 */
TandemTrashedFile *
tandem_trashed_file_new (GFile *original,
                         GFile *info_file)
{
  g_return_val_if_fail (G_IS_FILE (original), NULL);
  g_return_val_if_fail (info_file == NULL || G_IS_FILE (info_file), NULL);

  return g_object_new (TANDEM_TYPE_TRASHED_FILE,
                       "original", original,
                       "info-file", info_file,
                       NULL);
}

/**
 * tandem_trashed_file_get_original:
 *
 * Returns: (transfer none): where the file was
 */
GFile *
tandem_trashed_file_get_original (TandemTrashedFile *self)
{
  g_return_val_if_fail (TANDEM_IS_TRASHED_FILE (self), NULL);

  return self->original;
}

/**
 * tandem_trashed_file_get_info_file:
 *
 * Returns: (transfer none) (nullable): the `.trashinfo` file of the trash entry
 */
GFile *
tandem_trashed_file_get_info_file (TandemTrashedFile *self)
{
  g_return_val_if_fail (TANDEM_IS_TRASHED_FILE (self), NULL);

  return self->info_file;
}

/**
 * tandem_trashed_file_dup_display_name:
 *
 * Returns: (transfer full): the file's name, for messages
 */
char *
tandem_trashed_file_dup_display_name (TandemTrashedFile *self)
{
  g_autofree char *basename = NULL;

  g_return_val_if_fail (TANDEM_IS_TRASHED_FILE (self), NULL);

  basename = g_file_get_basename (self->original);
  return g_filename_display_name (basename);
}
