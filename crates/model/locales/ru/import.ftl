# Почему файл (или схему, набранную в редакторе кода) нельзя импортировать: ImportError из
# `transfer.rs`. $line и $column считаются с 1; $got — вид JSON-значения (json-… из flow.ftl).

import-empty = файл пуст
import-not-utf8 = файл не в кодировке UTF-8: в строке { $line }, столбце { $column } стоит байт, недопустимый в UTF-8 (сохраните файл в кодировке UTF-8)
import-too-big = размер файла — { $size } { $size ->
        [one] байт
        [few] байта
       *[many] байт
    }; импортировать можно не больше { $limit ->
        [one] { $limit } байта
       *[other] { $limit } байт
    }
# $message — слова самого разборщика JSON, по-английски.
import-invalid-json = некорректный JSON в строке { $line }, столбце { $column }: { $message }
import-too-deep = вложенность глубже { $limit ->
        [one] { $limit } уровня
       *[other] { $limit } уровней
    } в строке { $line }, столбце { $column }
import-not-a-flow = не схема: ожидается экспортированная схема (объект с полем "schema") или массив шагов (schema), а получено: { $got }
import-no-schema = не схема: объект без поля "schema"; ожидается экспортированная схема или массив шагов (schema)
import-field = { $field }: { $reason }
# $path — где стоит шаг, например `schema[3].if.then[0]`; $reason — одна из import-step-….
import-invalid-step = некорректный шаг в { $path }: { $reason }

## Почему элемент массива шагов — не шаг

import-step-not-an-object = шаг должен быть объектом с одним ключом — именем приложения, а получено: { $got }
import-step-no-app = в шаге нет ключа с именем приложения
# $apps — найденные ключи через запятую; их всегда не меньше двух.
import-step-many-apps = в шаге { $count } { $count ->
        [one] ключ
        [few] ключа
       *[many] ключей
    } с именами приложений ({ $apps }); шаг выполняет ровно одно приложение
