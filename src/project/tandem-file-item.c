/* tandem-file-item.c
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

#define G_LOG_DOMAIN "tandem-file-item"

#include "config.h"

#include <string.h>

#include "tandem-file-item.h"

struct _TandemFileItem
{
  GObject  parent_instance;

  GFile   *file;
  GIcon   *icon;
  char    *name;
  char    *display_name;
  /* Folded, natural-order key so that "file2" sorts before "File10". */
  char    *sort_key;

  guint    is_directory : 1;
  guint    is_symlink : 1;
};

enum {
  PROP_0,
  PROP_FILE,
  PROP_NAME,
  PROP_DISPLAY_NAME,
  PROP_IS_DIRECTORY,
  PROP_IS_SYMLINK,
  PROP_ICON,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (TandemFileItem, tandem_file_item, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static char *
make_sort_key (const char *name)
{
  g_autofree char *folded = NULL;

  g_assert (name != NULL);

  if (!g_utf8_validate (name, -1, NULL))
    return g_strdup (name);

  folded = g_utf8_casefold (name, -1);
  return g_utf8_collate_key_for_filename (folded, -1);
}

static void
tandem_file_item_finalize (GObject *object)
{
  TandemFileItem *self = (TandemFileItem *)object;

  g_clear_object (&self->file);
  g_clear_object (&self->icon);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->display_name, g_free);
  g_clear_pointer (&self->sort_key, g_free);

  G_OBJECT_CLASS (tandem_file_item_parent_class)->finalize (object);
}

static void
tandem_file_item_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  TandemFileItem *self = TANDEM_FILE_ITEM (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_DISPLAY_NAME:
      g_value_set_string (value, self->display_name);
      break;

    case PROP_IS_DIRECTORY:
      g_value_set_boolean (value, self->is_directory);
      break;

    case PROP_IS_SYMLINK:
      g_value_set_boolean (value, self->is_symlink);
      break;

    case PROP_ICON:
      g_value_set_object (value, self->icon);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_file_item_class_init (TandemFileItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tandem_file_item_finalize;
  object_class->get_property = tandem_file_item_get_property;

  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL,
                         G_TYPE_FILE,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_DISPLAY_NAME] =
    g_param_spec_string ("display-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_IS_DIRECTORY] =
    g_param_spec_boolean ("is-directory", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_IS_SYMLINK] =
    g_param_spec_boolean ("is-symlink", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_ICON] =
    g_param_spec_object ("icon", NULL, NULL,
                         G_TYPE_ICON,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tandem_file_item_init (TandemFileItem *self)
{
}

/**
 * tandem_file_item_new:
 * @file: the file
 * @info: a #GFileInfo for @file with at least the standard name, display-name,
 *   type and is-symlink attributes; fast-content-type is used for the icon
 *
 * Safe to call from a worker thread.
 *
 * Returns: (transfer full): a new #TandemFileItem
 */
TandemFileItem *
tandem_file_item_new (GFile     *file,
                      GFileInfo *info)
{
  TandemFileItem *self;
  const char *display_name = NULL;
  const char *content_type = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (G_IS_FILE_INFO (info), NULL);

  self = g_object_new (TANDEM_TYPE_FILE_ITEM, NULL);
  self->file = g_object_ref (file);

  if (g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_NAME))
    self->name = g_strdup (g_file_info_get_name (info));
  else
    self->name = g_file_get_basename (file);

  if (g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME))
    display_name = g_file_info_get_display_name (info);
  if (display_name != NULL)
    self->display_name = g_strdup (display_name);
  else
    self->display_name = g_filename_display_name (self->name);

  self->sort_key = make_sort_key (self->display_name);

  if (g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_TYPE))
    self->is_directory = g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY;
  if (g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_IS_SYMLINK))
    self->is_symlink = g_file_info_get_is_symlink (info);

  if (self->is_directory)
    {
      self->icon = g_themed_icon_new ("folder-symbolic");
    }
  else
    {
      if (g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_FAST_CONTENT_TYPE))
        content_type = g_file_info_get_attribute_string (info,
                                                         G_FILE_ATTRIBUTE_STANDARD_FAST_CONTENT_TYPE);
      if (content_type == NULL &&
          g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_CONTENT_TYPE))
        content_type = g_file_info_get_content_type (info);

      if (content_type != NULL)
        self->icon = g_content_type_get_symbolic_icon (content_type);
      else
        self->icon = g_themed_icon_new ("text-x-generic-symbolic");
    }

  return self;
}

/**
 * tandem_file_item_get_file:
 *
 * Returns: (transfer none): the file
 */
GFile *
tandem_file_item_get_file (TandemFileItem *self)
{
  g_return_val_if_fail (TANDEM_IS_FILE_ITEM (self), NULL);

  return self->file;
}

/**
 * tandem_file_item_get_name:
 *
 * Returns: the name on disk (in the file system's encoding)
 */
const char *
tandem_file_item_get_name (TandemFileItem *self)
{
  g_return_val_if_fail (TANDEM_IS_FILE_ITEM (self), NULL);

  return self->name;
}

/**
 * tandem_file_item_get_display_name:
 *
 * Returns: the name to show, valid UTF-8
 */
const char *
tandem_file_item_get_display_name (TandemFileItem *self)
{
  g_return_val_if_fail (TANDEM_IS_FILE_ITEM (self), NULL);

  return self->display_name;
}

gboolean
tandem_file_item_get_is_directory (TandemFileItem *self)
{
  g_return_val_if_fail (TANDEM_IS_FILE_ITEM (self), FALSE);

  return self->is_directory;
}

gboolean
tandem_file_item_get_is_symlink (TandemFileItem *self)
{
  g_return_val_if_fail (TANDEM_IS_FILE_ITEM (self), FALSE);

  return self->is_symlink;
}

/**
 * tandem_file_item_get_icon:
 *
 * Returns: (transfer none): a symbolic icon for the folder or the file's content type
 */
GIcon *
tandem_file_item_get_icon (TandemFileItem *self)
{
  g_return_val_if_fail (TANDEM_IS_FILE_ITEM (self), NULL);

  return self->icon;
}

static int
compare_keys (const char *key_a,
              gboolean    is_directory_a,
              const char *name_a,
              const char *key_b,
              gboolean    is_directory_b,
              const char *name_b)
{
  int ret;

  if (is_directory_a != is_directory_b)
    return is_directory_a ? -1 : 1;

  ret = strcmp (key_a, key_b);
  if (ret != 0)
    return ret;

  /* Equal keys ("README" and "readme"): keep a stable, total order. */
  return strcmp (name_a, name_b);
}

/**
 * tandem_file_item_compare:
 * @a: a #TandemFileItem
 * @b: a #TandemFileItem
 * @user_data: unused
 *
 * A #GCompareDataFunc: folders first, then natural, case-insensitive order of the
 * names ("a2" before "a10"). Two items compare equal only when both their names and
 * their kinds are the same.
 */
int
tandem_file_item_compare (gconstpointer a,
                          gconstpointer b,
                          gpointer      user_data)
{
  const TandemFileItem *item_a = a;
  const TandemFileItem *item_b = b;

  g_return_val_if_fail (TANDEM_IS_FILE_ITEM ((gpointer)a), 0);
  g_return_val_if_fail (TANDEM_IS_FILE_ITEM ((gpointer)b), 0);

  return compare_keys (item_a->sort_key, item_a->is_directory, item_a->name,
                       item_b->sort_key, item_b->is_directory, item_b->name);
}

/**
 * tandem_file_item_compare_names:
 *
 * The order of tandem_file_item_compare() for plain names.
 */
int
tandem_file_item_compare_names (const char *name_a,
                                gboolean    is_directory_a,
                                const char *name_b,
                                gboolean    is_directory_b)
{
  g_autofree char *display_a = NULL;
  g_autofree char *display_b = NULL;
  g_autofree char *key_a = NULL;
  g_autofree char *key_b = NULL;

  g_return_val_if_fail (name_a != NULL, 0);
  g_return_val_if_fail (name_b != NULL, 0);

  display_a = g_filename_display_name (name_a);
  display_b = g_filename_display_name (name_b);
  key_a = make_sort_key (display_a);
  key_b = make_sort_key (display_b);

  return compare_keys (key_a, !!is_directory_a, name_a, key_b, !!is_directory_b, name_b);
}
