/* tandem-run-config.c
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

#define G_LOG_DOMAIN "tandem-run-config"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "tandem-run-config.h"
#include "tandem-utils.h"

#define GROUP_PROJECT "Project"
#define GROUP_RUN     "Run"
#define KEY_PATH      "path"
#define KEY_COMMAND   "command"

/**
 * tandem_run_config_dup_path:
 * @root: the project folder
 *
 * Returns: (transfer full): the file that holds the settings of the project at @root
 */
char *
tandem_run_config_dup_path (GFile *root)
{
  g_autofree char *config_dir = NULL;
  g_autofree char *key = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (G_IS_FILE (root), NULL);

  key = g_file_get_path (root);
  if (key == NULL)
    key = g_file_get_uri (root);
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, key, -1);
  name = g_strdup_printf ("%s.ini", hash);
  config_dir = tandem_dup_config_dir ();

  return g_build_filename (config_dir, "projects", name, NULL);
}

static gboolean
has_child (GFile        *root,
           const char   *name,
           GCancellable *cancellable)
{
  g_autoptr(GFile) child = g_file_get_child (root, name);

  return g_file_query_file_type (child, G_FILE_QUERY_INFO_NONE, cancellable) == G_FILE_TYPE_REGULAR;
}

static gboolean
package_json_has_start (GFile        *root,
                        GCancellable *cancellable)
{
  g_autoptr(GFile) file = g_file_get_child (root, "package.json");
  g_autoptr(JsonParser) parser = NULL;
  g_autofree char *contents = NULL;
  JsonNode *node;
  JsonObject *object;
  gsize length;

  if (!g_file_load_contents (file, cancellable, &contents, &length, NULL, NULL))
    return FALSE;

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, contents, length, NULL))
    return FALSE;

  node = json_parser_get_root (parser);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;

  object = json_node_get_object (node);
  if (!json_object_has_member (object, "scripts"))
    return FALSE;

  node = json_object_get_member (object, "scripts");
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;

  return json_object_has_member (json_node_get_object (node), "start");
}

/**
 * tandem_run_config_detect:
 * @root: the project folder
 *
 * Guesses how the project at @root is run from the files at its top. Blocks on I/O: call
 * it from a thread.
 *
 * Returns: (transfer full) (nullable): a shell command, or %NULL when nothing is known
 */
char *
tandem_run_config_detect (GFile        *root,
                          GCancellable *cancellable)
{
  static const struct {
    const char *file;
    const char *command;
  } rules[] = {
    { "Cargo.toml", "cargo run" },
    { "Makefile", "make" },
    { "makefile", "make" },
    { "GNUmakefile", "make" },
    { "meson.build", "(test -d _build || meson setup _build) && meson compile -C _build" },
    { "CMakeLists.txt", "cmake -S . -B build && cmake --build build" },
    { "main.py", "python3 main.py" },
    { "app.py", "python3 app.py" },
    { "go.mod", "go run ." },
  };

  g_return_val_if_fail (G_IS_FILE (root), NULL);

  if (has_child (root, "package.json", cancellable) && package_json_has_start (root, cancellable))
    return g_strdup ("npm start");

  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      if (has_child (root, rules[i].file, cancellable))
        return g_strdup (rules[i].command);
    }

  return NULL;
}

/**
 * tandem_run_config_load:
 * @root: the project folder
 * @saved: (out) (optional): whether the command was saved by the user
 *
 * Blocks on I/O: call it from a thread.
 *
 * Returns: (transfer full) (nullable): the saved command, else the detected one, else
 *   %NULL (with @error unset when there is simply none)
 */
char *
tandem_run_config_load (GFile         *root,
                        gboolean      *saved,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *path = NULL;
  char *command;

  g_return_val_if_fail (G_IS_FILE (root), NULL);

  if (saved != NULL)
    *saved = FALSE;

  path = tandem_run_config_dup_path (root);
  if (!g_key_file_load_from_file (key_file, path, G_KEY_FILE_NONE, &local_error))
    {
      if (!g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       /* Translators: %s is the reason */
                       _("The project settings could not be read: %s"), local_error->message);
          return NULL;
        }
    }
  else if ((command = g_key_file_get_string (key_file, GROUP_RUN, KEY_COMMAND, NULL)))
    {
      if (saved != NULL)
        *saved = TRUE;
      return command;
    }

  return tandem_run_config_detect (root, cancellable);
}

/**
 * tandem_run_config_save:
 * @root: the project folder
 * @command: the run command
 *
 * Writes @command atomically. Blocks on I/O: call it from a thread.
 */
gboolean
tandem_run_config_save (GFile       *root,
                        const char  *command,
                        GError     **error)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autofree char *path = NULL;
  g_autofree char *root_path = NULL;
  g_autofree char *data = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;

  g_return_val_if_fail (G_IS_FILE (root), FALSE);
  g_return_val_if_fail (command != NULL, FALSE);

  path = tandem_run_config_dup_path (root);
  /* Keep what other parts of Tandem may store there. */
  g_key_file_load_from_file (key_file, path, G_KEY_FILE_KEEP_COMMENTS, NULL);

  root_path = g_file_get_path (root);
  g_key_file_set_string (key_file, GROUP_PROJECT, KEY_PATH, root_path ? root_path : "");
  g_key_file_set_string (key_file, GROUP_RUN, KEY_COMMAND, command);
  data = g_key_file_to_data (key_file, &length, NULL);

  if (!tandem_ensure_parent_dir (path, &local_error) ||
      !tandem_write_file_atomic (path, data, length, &local_error))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   /* Translators: %s is the reason */
                   _("The project settings could not be saved: %s"), local_error->message);
      return FALSE;
    }

  return TRUE;
}

static void
tandem_run_config_load_worker (GTask        *task,
                               gpointer      source_object,
                               gpointer      task_data,
                               GCancellable *cancellable)
{
  GFile *root = task_data;
  GError *error = NULL;
  gboolean saved = FALSE;
  char *command;

  command = tandem_run_config_load (root, &saved, cancellable, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_object_set_data (G_OBJECT (task), "saved", GINT_TO_POINTER (saved));
  /* A NULL pointer is a valid answer: nothing saved and nothing detected. */
  g_task_return_pointer (task, command, g_free);
}

/**
 * tandem_run_config_load_async:
 * @root: the project folder
 *
 * Runs tandem_run_config_load() in a thread.
 */
void
tandem_run_config_load_async (GFile               *root,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (root));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, tandem_run_config_load_async);
  g_task_set_task_data (task, g_object_ref (root), g_object_unref);
  g_task_run_in_thread (task, tandem_run_config_load_worker);
}

/**
 * tandem_run_config_load_finish:
 * @saved: (out) (optional): whether the user saved the command
 *
 * Returns: (transfer full) (nullable): the command; %NULL with @error unset when none
 */
char *
tandem_run_config_load_finish (GAsyncResult  *result,
                               gboolean      *saved,
                               GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  if (saved != NULL)
    *saved = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (result), "saved"));

  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct
{
  GFile *root;
  char  *command;
} SaveState;

static void
save_state_free (gpointer data)
{
  SaveState *state = data;

  g_clear_object (&state->root);
  g_free (state->command);
  g_free (state);
}

static void
tandem_run_config_save_worker (GTask        *task,
                               gpointer      source_object,
                               gpointer      task_data,
                               GCancellable *cancellable)
{
  SaveState *state = task_data;
  GError *error = NULL;

  if (tandem_run_config_save (state->root, state->command, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * tandem_run_config_save_async:
 * @root: the project folder
 * @command: the run command
 *
 * Runs tandem_run_config_save() in a thread.
 */
void
tandem_run_config_save_async (GFile               *root,
                              const char          *command,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SaveState *state;

  g_return_if_fail (G_IS_FILE (root));
  g_return_if_fail (command != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, tandem_run_config_save_async);
  state = g_new0 (SaveState, 1);
  state->root = g_object_ref (root);
  state->command = g_strdup (command);
  g_task_set_task_data (task, state, save_state_free);
  g_task_run_in_thread (task, tandem_run_config_save_worker);
}

gboolean
tandem_run_config_save_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
